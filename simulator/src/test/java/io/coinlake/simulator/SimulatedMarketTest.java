package io.coinlake.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedMarketTest {
    private static final Instant CLOSE_OF_NOV_1 = Instant.parse("2026-11-01T23:59:59.999Z");

    @Test
    void sameSeedAndInstantGiveTheSameSnapshot() {
        List<SimulatedMarket.Quote> first = new SimulatedMarket(7).snapshot(CLOSE_OF_NOV_1);
        List<SimulatedMarket.Quote> second = new SimulatedMarket(7).snapshot(CLOSE_OF_NOV_1);

        assertThat(second).isEqualTo(first);
        assertThat(new SimulatedMarket(8).snapshot(CLOSE_OF_NOV_1)).isNotEqualTo(first);
        assertThat(new SimulatedMarket(7).snapshot(CLOSE_OF_NOV_1.plusSeconds(86_400))).isNotEqualTo(first);
    }

    @Test
    void aPageIsThatSliceOfTheFullRanking() {
        List<SimulatedMarket.Quote> all = new SimulatedMarket(7).snapshot(CLOSE_OF_NOV_1);

        assertThat(new SimulatedMarket(7).snapshot(CLOSE_OF_NOV_1, 100, 50)).isEqualTo(all.subList(100, 150));
        assertThat(new SimulatedMarket(7).snapshot(CLOSE_OF_NOV_1, 1990, 50)).isEqualTo(all.subList(1990, 2000));
        assertThat(new SimulatedMarket(7).snapshot(CLOSE_OF_NOV_1, 2000, 50)).isEmpty();
        assertThat(all).extracting(SimulatedMarket.Quote::rank).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 2000).boxed().toList());
    }

    @Test
    void universeIsCoinCapsFullPageWithTheRealAssetsFirst() {
        List<ReferenceAsset> universe = new SimulatedMarket(1).universe();

        assertThat(universe).hasSize(2000).startsWith(ReferenceAsset.TOP.toArray(ReferenceAsset[]::new));
        assertThat(universe).extracting(ReferenceAsset::id).doesNotHaveDuplicates();
        List<ReferenceAsset> tail = universe.subList(ReferenceAsset.TOP.size(), universe.size());
        assertThat(tail).allSatisfy(asset -> assertThat(asset.id()).startsWith(ReferenceAsset.SYNTHETIC_PREFIX));
        // A long tail: each hundred ranks down is worth less than the hundred before it.
        double previous = Double.MAX_VALUE;
        for (int from = 0; from + 100 <= tail.size(); from += 100) {
            double cap = tail.subList(from, from + 100).stream().mapToDouble(a -> a.price() * a.supply()).sum();
            assertThat(cap).isLessThan(previous);
            previous = cap;
        }
        assertThat(tail.get(tail.size() - 1).price() * tail.get(tail.size() - 1).supply()).isBetween(1e6, 1e8);
    }

    @Test
    void aCloseIsTheSameWhateverWasAskedBefore() {
        SimulatedMarket direct = new SimulatedMarket(5);
        SimulatedMarket walked = new SimulatedMarket(5);
        LocalDate late = LocalDate.of(2026, 11, 1);
        LocalDate early = LocalDate.of(2024, 6, 1);
        for (ReferenceAsset asset : List.of(ReferenceAsset.TOP.get(0), direct.universe().get(1500))) {
            walked.closeOf(asset, late.minusDays(40));
            walked.closeOf(asset, early.plusDays(3));

            assertThat(walked.closeOf(asset, late)).isEqualTo(direct.closeOf(asset, late));
            assertThat(walked.closeOf(asset, early)).isEqualTo(direct.closeOf(asset, early));
            assertThat(walked.closeOf(asset, late.minusDays(40))).isEqualTo(direct.closeOf(asset, late.minusDays(40)));
        }
    }

    @Test
    void snapshotIsRankedByMarketCapWithCoinCapPrecision() {
        List<SimulatedMarket.Quote> quotes = new SimulatedMarket(1).snapshot(CLOSE_OF_NOV_1);

        assertThat(quotes).hasSizeGreaterThanOrEqualTo(50);
        for (int i = 0; i < quotes.size(); i++) {
            SimulatedMarket.Quote quote = quotes.get(i);
            assertThat(quote.rank()).isEqualTo(i + 1);
            assertThat(quote.priceUsd()).isPositive();
            assertThat(quote.priceUsd().scale()).isEqualTo(16);
            if (i > 0) {
                assertThat(quote.marketCapUsd()).isLessThanOrEqualTo(quotes.get(i - 1).marketCapUsd());
            }
        }
        assertThat(quotes).extracting(q -> q.asset().id()).doesNotHaveDuplicates().contains("bitcoin", "ethereum");
    }

    @Test
    void stablecoinsStayNearTheirPegAndPricesStayPlausible() {
        SimulatedMarket market = new SimulatedMarket(3);
        for (LocalDate day = LocalDate.of(2024, 1, 1); day.isBefore(LocalDate.of(2027, 1, 1)); day = day.plusDays(30)) {
            Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(43_200);
            for (SimulatedMarket.Quote quote : market.snapshot(at)) {
                double reference = quote.asset().price();
                double price = quote.priceUsd().doubleValue();
                if (quote.asset().id().startsWith(ReferenceAsset.SYNTHETIC_PREFIX)) {
                    assertThat(price).as(quote.asset().id() + " on " + day).isPositive().isFinite();
                } else if (quote.asset().stable()) {
                    assertThat(price).as(quote.asset().id() + " on " + day).isBetween(0.98, 1.02);
                } else {
                    assertThat(price / reference).as(quote.asset().id() + " on " + day).isBetween(0.005, 200.0);
                }
            }
        }
    }

    @Test
    void priceJustBeforeMidnightIsTheDaysClose() {
        SimulatedMarket market = new SimulatedMarket(5);
        ReferenceAsset bitcoin = market.find("bitcoin").orElseThrow();
        LocalDate day = LocalDate.of(2026, 11, 1);

        double close = market.closeOf(bitcoin, day);
        double justBefore = market.priceAt(bitcoin, CLOSE_OF_NOV_1);
        double midnight = market.priceAt(bitcoin, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());

        assertThat(justBefore / close).isCloseTo(1.0, offset(1e-6));
        assertThat(midnight / close).isCloseTo(1.0, offset(1e-12));
    }

    @Test
    void marketCapIsSupplyTimesPrice() {
        SimulatedMarket.Quote quote = new SimulatedMarket(9).snapshot(CLOSE_OF_NOV_1).get(0);

        BigDecimal expected = quote.supply().multiply(quote.priceUsd());
        assertThat(quote.marketCapUsd().subtract(expected).abs()).isLessThan(new BigDecimal("0.000001"));
    }
}
