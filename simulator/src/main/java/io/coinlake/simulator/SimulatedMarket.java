package io.coinlake.simulator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deterministic synthetic markets: every price is a pure function of (seed, asset, instant), so the
 * same date always gives the same data, in any order and from any process.
 *
 * <p>Daily closes follow a seeded random walk in log space from the 2025-01-01 reference prices;
 * within a day, hourly prices move from the previous close to the day's close along a bridge
 * whose noise vanishes at both ends, so hourly history and daily closes agree.
 */
public final class SimulatedMarket {
    static final LocalDate ANCHOR = LocalDate.of(2025, 1, 1);
    private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);

    /** CoinCap sends 16 decimals on every number. */
    static final int SCALE = 16;

    private final long seed;
    private final List<ReferenceAsset> universe;
    /** Log closes by asset and day: each day's is one step of the walk from its neighbour's. */
    private final Map<String, Double> logCloses = new ConcurrentHashMap<>();

    public SimulatedMarket(long seed) {
        this(seed, ReferenceAsset.UNIVERSE);
    }

    SimulatedMarket(long seed, List<ReferenceAsset> universe) {
        this.seed = seed;
        this.universe = List.copyOf(universe);
    }

    /** One asset's state at an instant, already in CoinCap's string-number form. */
    public record Quote(ReferenceAsset asset, int rank, BigDecimal supply, BigDecimal marketCapUsd,
                        BigDecimal volumeUsd24Hr, BigDecimal priceUsd, BigDecimal changePercent24Hr,
                        BigDecimal vwap24Hr) {
    }

    /** All assets at {@code time}, ranked by market cap like CoinCap's /assets. */
    public List<Quote> snapshot(Instant time) {
        List<Quote> unranked = new ArrayList<>();
        for (ReferenceAsset asset : universe) {
            unranked.add(quote(asset, time));
        }
        unranked.sort(Comparator.comparing(Quote::marketCapUsd).reversed().thenComparing(q -> q.asset().id()));
        List<Quote> ranked = new ArrayList<>(unranked.size());
        for (int i = 0; i < unranked.size(); i++) {
            Quote q = unranked.get(i);
            ranked.add(new Quote(q.asset(), i + 1, q.supply(), q.marketCapUsd(), q.volumeUsd24Hr(), q.priceUsd(),
                    q.changePercent24Hr(), q.vwap24Hr()));
        }
        return ranked;
    }

    public List<ReferenceAsset> universe() {
        return universe;
    }

    public Optional<ReferenceAsset> find(String id) {
        return universe.stream().filter(asset -> asset.id().equals(id)).findFirst();
    }

    /** The hourly history point CoinCap's interval=h1 gives for the hour starting at {@code hour}. */
    SimulatorJson.HistoryPoint hourlyPoint(ReferenceAsset asset, Instant hour) {
        return new SimulatorJson.HistoryPoint(decimal(priceAt(asset, hour)), hour, decimal(supplyAt(asset, hour)));
    }

    /** The daily history point of interval=d1: the average of the day's hourly prices, at 00:00 UTC. */
    SimulatorJson.HistoryPoint dailyPoint(ReferenceAsset asset, LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        double sum = 0;
        for (int h = 0; h < 24; h++) {
            sum += priceAt(asset, start.plus(Duration.ofHours(h)));
        }
        return new SimulatorJson.HistoryPoint(decimal(sum / 24), start, decimal(supplyAt(asset, start)));
    }

    private Quote quote(ReferenceAsset asset, Instant time) {
        double price = priceAt(asset, time);
        double dayAgo = priceAt(asset, time.minus(Duration.ofDays(1)));
        double vwapSum = 0;
        for (int h = 0; h < 24; h++) {
            vwapSum += priceAt(asset, time.minus(Duration.ofHours(h)));
        }
        BigDecimal supply = decimal(supplyAt(asset, time));
        BigDecimal priceUsd = decimal(price);
        BigDecimal marketCap = scaled(supply.multiply(priceUsd, PRECISION));
        BigDecimal volume = scaled(marketCap.multiply(BigDecimal.valueOf(turnover(asset, time)), PRECISION));
        return new Quote(asset, 0, supply, marketCap, volume, priceUsd,
                decimal((price / dayAgo - 1) * 100), decimal(vwapSum / 24));
    }

    /**
     * The price at {@code time}: the bridge from the previous day's close to this day's, so the
     * price just before midnight is the day's close. The noise term changes each hour.
     */
    public double priceAt(ReferenceAsset asset, Instant time) {
        LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
        double fraction = Duration.between(day.atStartOfDay(ZoneOffset.UTC).toInstant(), time).toMillis() / 86_400_000.0;
        double from = Math.log(closeOf(asset, day.minusDays(1)));
        double to = Math.log(closeOf(asset, day));
        double bridgeNoise = asset.volatility() * 0.25 * Math.sin(Math.PI * fraction)
                * gaussian(asset, day.toEpochDay(), time.atZone(ZoneOffset.UTC).getHour() + 1);
        return Math.exp(from + (to - from) * fraction + bridgeNoise);
    }

    /** The close of {@code day}: the price at 24:00 UTC of that day. */
    double closeOf(ReferenceAsset asset, LocalDate day) {
        if (asset.stable()) {
            // Stablecoins hold their peg: small independent deviations, no walk.
            return asset.price() * (1 + asset.volatility() * gaussian(asset, day.toEpochDay(), 0));
        }
        return Math.exp(logClose(asset, day.toEpochDay()));
    }

    /**
     * The walk in log space from the anchor's price, one Gaussian step a day (forwards after the
     * anchor, backwards before it). Each day is computed from the nearest day already known, by
     * the same additions in the same order as from the anchor, so the result does not depend on
     * what was asked for before: the walk stays a pure function of (seed, asset, day).
     */
    private double logClose(ReferenceAsset asset, long target) {
        long anchor = ANCHOR.toEpochDay();
        long step = target >= anchor ? 1 : -1;
        long day = target;
        Double known = null;
        while (day != anchor && (known = logCloses.get(key(asset, day))) == null) {
            day -= step;
        }
        double logPrice = known != null ? known : Math.log(asset.price());
        while (day != target) {
            if (step > 0) {
                day++;
                logPrice += asset.volatility() * gaussian(asset, day, 0);
            } else {
                logPrice -= asset.volatility() * gaussian(asset, day, 0);
                day--;
            }
            logCloses.put(key(asset, day), logPrice);
        }
        return logPrice;
    }

    private static String key(ReferenceAsset asset, long epochDay) {
        return asset.id() + '@' + epochDay;
    }

    private double supplyAt(ReferenceAsset asset, Instant hour) {
        double days = Duration.between(ANCHOR.atStartOfDay(ZoneOffset.UTC).toInstant(), hour).toHours() / 24.0;
        double supply = asset.supply() * (1 + asset.supplyGrowthPerDay() * days);
        return asset.maxSupply() == null ? supply : Math.min(supply, asset.maxSupply());
    }

    private double turnover(ReferenceAsset asset, Instant hour) {
        double base = asset.stable() ? 0.35 : 0.04;
        long day = LocalDate.ofInstant(hour, ZoneOffset.UTC).toEpochDay();
        return base * Math.exp(0.3 * gaussian(asset, day, 25));
    }

    private double gaussian(ReferenceAsset asset, long epochDay, int slot) {
        long mixed = seed * 0x9E3779B97F4A7C15L ^ asset.id().hashCode() * 0xC2B2AE3D27D4EB4FL
                ^ epochDay * 0x165667B19E3779F9L ^ slot * 0x27D4EB2F165667C5L;
        return new SplittableRandom(mixed).nextGaussian();
    }

    static BigDecimal decimal(double value) {
        return scaled(new BigDecimal(value, PRECISION));
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
