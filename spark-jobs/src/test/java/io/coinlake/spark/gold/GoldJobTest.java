package io.coinlake.spark.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coinlake.spark.Bronze;
import io.coinlake.spark.JobFailure;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.TestLake;
import io.coinlake.spark.table.LakeTable;
import io.coinlake.spark.silver.SilverJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gold against an independent computation written here in plain Java (not the job's SQL), on a
 * market with missing days, an asset that starts late, one that skips a day, two assets tied on
 * market cap, days with one and with two snapshots, and ranks that swap. Its dates (March 2020)
 * are older than every other test's, so its "bitcoin" never supplies silver.assets' attributes.
 */
class GoldJobTest {
    private static final LocalDate FIRST = LocalDate.of(2020, 3, 1);
    private static final LocalDate LAST = LocalDate.of(2020, 3, 20);
    private static final List<String> ASSETS = List.of("bitcoin", "g-eth", "g-tie1", "g-tie2", "g-late");
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    /** One snapshot of one asset in the test market. */
    private record Snap(String asset, LocalDate day, Instant time, BigDecimal price, BigDecimal marketCap, BigDecimal volume) {
    }

    @AfterEach
    void showWhatTheJobsPrinted() {
        System.out.print(printed.toString(StandardCharsets.UTF_8));
    }

    private PrintStream out() {
        return new PrintStream(printed, true, StandardCharsets.UTF_8);
    }

    private static boolean trades(String asset, LocalDate day) {
        if (day.equals(LocalDate.of(2020, 3, 10)) || day.equals(LocalDate.of(2020, 3, 11))) {
            return false; // nobody: a hole in history
        }
        if (asset.equals("g-late")) {
            return !day.isBefore(LocalDate.of(2020, 3, 8));
        }
        return !(asset.equals("g-tie2") && day.equals(LocalDate.of(2020, 3, 15)));
    }

    private static List<Snap> market() {
        List<Snap> snaps = new ArrayList<>();
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            int d = (int) (day.toEpochDay() - FIRST.toEpochDay());
            // Every third day has one snapshot (the close); the others have a noon one too.
            List<Instant> times = new ArrayList<>();
            if (d % 3 != 0) {
                times.add(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
            }
            times.add(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1));
            for (int s = 0; s < times.size(); s++) {
                for (int a = 0; a < ASSETS.size(); a++) {
                    String asset = ASSETS.get(a);
                    if (!trades(asset, day)) {
                        continue;
                    }
                    BigDecimal base = switch (asset) {
                        case "bitcoin" -> new BigDecimal("50000.1234");
                        case "g-eth" -> new BigDecimal("3000.5678");
                        case "g-late" -> new BigDecimal("10.0001");
                        default -> new BigDecimal("100.25");
                    };
                    int step = asset.startsWith("g-tie") ? (d * 7 + s) % 11 - 5 : (d * 7 + a * 3 + s * 5) % 11 - 5;
                    BigDecimal price = base.multiply(BigDecimal.ONE.add(new BigDecimal(step).movePointLeft(2))).setScale(8, RoundingMode.UNNECESSARY);
                    BigDecimal supply = switch (asset) {
                        case "bitcoin" -> new BigDecimal("1000");
                        case "g-eth" -> new BigDecimal("16800"); // close to bitcoin's cap: their ranks swap
                        default -> new BigDecimal("500");
                    };
                    snaps.add(new Snap(asset, day, times.get(s), price, price.multiply(supply),
                            new BigDecimal(1000 + d * 10 + a).setScale(2, RoundingMode.UNNECESSARY)));
                }
            }
        }
        return snaps;
    }

    private static String raw(Snap snap, int rank) {
        return "{\"id\":\"" + snap.asset() + "\",\"rank\":\"" + rank + "\",\"symbol\":\"" + snap.asset().toUpperCase()
                + "\",\"name\":\"" + snap.asset() + "\",\"supply\":\"1\",\"maxSupply\":null,\"marketCapUsd\":\""
                + snap.marketCap().toPlainString() + "\",\"volumeUsd24Hr\":\"" + snap.volume().toPlainString()
                + "\",\"priceUsd\":\"" + snap.price().toPlainString() + "\",\"changePercent24Hr\":\"0\",\"vwap24Hr\":null,"
                + "\"explorer\":null}";
    }

    /** Lands the market as bronze (one batch per snapshot time) and builds silver for it. */
    private void landAndBuildSilver(List<Snap> snaps) throws Exception {
        Map<Instant, List<Snap>> byTime = new TreeMap<>();
        snaps.forEach(s -> byTime.computeIfAbsent(s.time(), t -> new ArrayList<>()).add(s));
        long offset = 0;
        for (Map.Entry<Instant, List<Snap>> batch : byTime.entrySet()) {
            LocalDate day = batch.getValue().get(0).day();
            List<String> raws = new ArrayList<>();
            for (int i = 0; i < batch.getValue().size(); i++) {
                raws.add(raw(batch.getValue().get(i), i + 1));
            }
            List<String> lines = Bronze.liveBatch(day, "run-gold-" + batch.getKey().toEpochMilli(), batch.getKey().plusSeconds(60),
                    batch.getKey(), raws);
            Bronze.land(day, 0, offset, lines);
            offset += lines.size();
        }
        List<LocalDate> days = new ArrayList<>();
        snaps.stream().map(Snap::day).distinct().sorted().forEach(days::add);
        assertThat(new SilverJob(TestLake.spark(), TestLake.config(), out()).run(days).succeeded()).isTrue();
    }

    /** The expected fct_asset_daily row of an asset and day, from the model alone. */
    private record Expected(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, Integer rank,
                            Integer rankChange, Double dodPct, Double wowPct, BigDecimal avg7, BigDecimal avg30, Double volatility7) {
    }

    private static Map<String, Map<LocalDate, Expected>> expected(List<Snap> snaps) {
        Map<String, TreeMap<LocalDate, List<Snap>>> days = new HashMap<>();
        snaps.forEach(s -> days.computeIfAbsent(s.asset(), a -> new TreeMap<>()).computeIfAbsent(s.day(), d -> new ArrayList<>()).add(s));
        Map<LocalDate, Map<String, Integer>> ranks = new HashMap<>();
        Map<LocalDate, Map<String, BigDecimal>> caps = new HashMap<>();
        days.forEach((asset, byDay) -> byDay.forEach((day, list) -> caps.computeIfAbsent(day, d -> new HashMap<>())
                .put(asset, last(list).marketCap())));
        caps.forEach((day, byAsset) -> byAsset.forEach((asset, cap) -> ranks.computeIfAbsent(day, d -> new HashMap<>())
                .put(asset, 1 + (int) byAsset.values().stream().filter(other -> other.compareTo(cap) > 0).count())));

        Map<String, Map<LocalDate, Expected>> result = new HashMap<>();
        days.forEach((asset, byDay) -> {
            Map<LocalDate, BigDecimal> close = new TreeMap<>();
            byDay.forEach((day, list) -> close.put(day, last(list).price()));
            Map<LocalDate, Double> returns = new TreeMap<>();
            close.forEach((day, price) -> {
                BigDecimal previous = close.get(day.minusDays(1));
                if (previous != null) {
                    returns.put(day, price.doubleValue() / previous.doubleValue() - 1);
                }
            });
            byDay.forEach((day, list) -> {
                BigDecimal c = close.get(day);
                BigDecimal weekAgo = close.get(day.minusDays(7));
                Integer rank = ranks.get(day).get(asset);
                Integer previousRank = ranks.getOrDefault(day.minusDays(1), Map.of()).get(asset);
                Double daily = returns.get(day);
                List<Double> week = new ArrayList<>();
                for (int back = 0; back < 7; back++) {
                    Double r = returns.get(day.minusDays(back));
                    if (r != null) {
                        week.add(r);
                    }
                }
                result.computeIfAbsent(asset, a -> new HashMap<>()).put(day, new Expected(
                        list.get(0).price(),
                        list.stream().map(Snap::price).max(Comparator.naturalOrder()).orElseThrow(),
                        list.stream().map(Snap::price).min(Comparator.naturalOrder()).orElseThrow(),
                        c, rank, previousRank == null ? null : previousRank - rank,
                        daily == null ? null : daily * 100,
                        weekAgo == null ? null : (c.doubleValue() / weekAgo.doubleValue() - 1) * 100,
                        mean(close, day, 7), mean(close, day, 30), sampleStdDev(week)));
            });
        });
        return result;
    }

    private static Snap last(List<Snap> list) {
        return list.stream().max(Comparator.comparing(Snap::time)).orElseThrow();
    }

    private static BigDecimal mean(Map<LocalDate, BigDecimal> close, LocalDate day, int days) {
        BigDecimal sum = BigDecimal.ZERO;
        int n = 0;
        for (int back = 0; back < days; back++) {
            BigDecimal c = close.get(day.minusDays(back));
            if (c != null) {
                sum = sum.add(c);
                n++;
            }
        }
        return sum.divide(BigDecimal.valueOf(n), 16, RoundingMode.HALF_UP);
    }

    private static Double sampleStdDev(List<Double> values) {
        if (values.size() < 2) {
            return null;
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (values.size() - 1));
    }

    private static List<Row> facts() throws Exception {
        return TestLake.spark().sql("SELECT * FROM " + GoldTables.FCT_ASSET_DAILY + " WHERE day BETWEEN DATE'" + FIRST
                + "' AND DATE'" + LAST + "' ORDER BY day, asset_id").drop("computed_at").collectAsList();
    }

    private static long currentSnapshot(LakeTable table) throws Exception {
        return TestLake.spark().sql("SELECT snapshot_id FROM " + table + ".history WHERE is_current_ancestor"
                + " ORDER BY made_current_at DESC LIMIT 1").first().getLong(0);
    }

    @Test
    void incrementalRunsMatchAnIndependentComputationAndAFullRebuild() throws Exception {
        List<Snap> snaps = market();
        landAndBuildSilver(snaps);
        GoldJob gold = new GoldJob(TestLake.spark(), TestLake.config(), out());

        // Incremental, in order, in chunks of different sizes; the missing days have no silver to read.
        for (LocalDate[] chunk : List.of(new LocalDate[] {FIRST, LocalDate.of(2020, 3, 5)},
                new LocalDate[] {LocalDate.of(2020, 3, 6), LocalDate.of(2020, 3, 9)},
                new LocalDate[] {LocalDate.of(2020, 3, 12), LocalDate.of(2020, 3, 12)},
                new LocalDate[] {LocalDate.of(2020, 3, 13), LAST})) {
            assertThat(gold.run(chunk[0], chunk[1]).succeeded()).isTrue();
        }

        Map<String, Map<LocalDate, Expected>> expected = expected(snaps);
        List<Row> rows = facts();
        assertThat(rows).hasSize((int) snaps.stream().map(s -> s.asset() + s.day()).distinct().count());
        for (Row row : rows) {
            LocalDate day = row.getAs("day");
            String asset = row.getAs("asset_id");
            Expected e = expected.get(asset).get(day);
            String where = asset + " " + day;
            assertThat(row.<BigDecimal>getAs("open_price_usd")).as(where).isEqualByComparingTo(e.open());
            assertThat(row.<BigDecimal>getAs("high_price_usd")).as(where).isEqualByComparingTo(e.high());
            assertThat(row.<BigDecimal>getAs("low_price_usd")).as(where).isEqualByComparingTo(e.low());
            assertThat(row.<BigDecimal>getAs("close_price_usd")).as(where).isEqualByComparingTo(e.close());
            assertThat(row.<Integer>getAs("market_cap_rank")).as(where + " rank").isEqualTo(e.rank());
            assertThat(row.<Integer>getAs("rank_change")).as(where + " rank change").isEqualTo(e.rankChange());
            assertCloseOrBothNull(row.getAs("dod_change_pct"), e.dodPct(), where + " dod");
            assertCloseOrBothNull(row.getAs("wow_change_pct"), e.wowPct(), where + " wow");
            assertCloseOrBothNull(row.getAs("volatility_7d"), e.volatility7(), where + " volatility");
            assertThat(row.<BigDecimal>getAs("avg_close_7d")).as(where + " avg7").isCloseTo(e.avg7(), within(new BigDecimal("1e-14")));
            assertThat(row.<BigDecimal>getAs("avg_close_30d")).as(where + " avg30").isCloseTo(e.avg30(), within(new BigDecimal("1e-14")));
        }
        // The cases the model is built for, spelled out.
        assertThat(expected.get("g-tie1").get(LocalDate.of(2020, 3, 4)).rank())
                .isEqualTo(expected.get("g-tie2").get(LocalDate.of(2020, 3, 4)).rank()).isEqualTo(3);
        assertThat(expected.get("g-late").get(LocalDate.of(2020, 3, 8)).dodPct()).as("start of history").isNull();
        assertThat(expected.get("bitcoin").get(LocalDate.of(2020, 3, 12)).dodPct()).as("after the hole").isNull();
        assertThat(rows.stream().map(r -> r.<Integer>getAs("rank_change")).filter(c -> c != null && c != 0)).as("ranks swap").isNotEmpty();

        Row market = TestLake.spark().sql("SELECT * FROM " + GoldTables.MARKET_DAILY + " WHERE day = DATE'2020-03-13'").first();
        List<Snap> closes = snaps.stream().filter(s -> s.day().equals(LocalDate.of(2020, 3, 13))
                && s.time().equals(LocalDate.of(2020, 3, 14).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1))).toList();
        BigDecimal total = closes.stream().map(Snap::marketCap).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal bitcoinCap = closes.stream().filter(s -> s.asset().equals("bitcoin")).findFirst().orElseThrow().marketCap();
        assertThat(market.<BigDecimal>getAs("total_market_cap_usd")).isEqualByComparingTo(total);
        assertThat(market.<Integer>getAs("asset_count")).isEqualTo(closes.size());
        assertThat(market.<Double>getAs("btc_dominance_pct")).isCloseTo(bitcoinCap.doubleValue() / total.doubleValue() * 100, within(1e-9));
        Map.Entry<String, Double> gainer = expected.entrySet().stream()
                .filter(a -> a.getValue().containsKey(LocalDate.of(2020, 3, 13)) && a.getValue().get(LocalDate.of(2020, 3, 13)).dodPct() != null)
                .map(a -> Map.entry(a.getKey(), a.getValue().get(LocalDate.of(2020, 3, 13)).dodPct()))
                .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow();
        assertThat(market.<String>getAs("top_gainer_asset_id")).isEqualTo(gainer.getKey());

        // A full rebuild computes the same rows; rerunning the range writes nothing.
        List<Row> rebuilt = gold.compute(FIRST, LAST, Instant.now()).drop("computed_at").orderBy("day", "asset_id").collectAsList();
        assertThat(rebuilt).isEqualTo(rows);
        long factsCommit = currentSnapshot(GoldTables.FCT_ASSET_DAILY);
        long marketCommit = currentSnapshot(GoldTables.MARKET_DAILY);
        long dimCommit = currentSnapshot(GoldTables.DIM_ASSET);
        GoldJob.Result rerun = gold.run(FIRST, LAST);
        assertThat(rerun.writes()).allSatisfy(write -> assertThat(write.rewrittenDays()).isEmpty());
        assertThat(rerun.merges()).allSatisfy(merge -> assertThat(merge.inserted() + merge.updated()).isZero());
        assertThat(List.of(currentSnapshot(GoldTables.FCT_ASSET_DAILY), currentSnapshot(GoldTables.MARKET_DAILY),
                currentSnapshot(GoldTables.DIM_ASSET))).isEqualTo(List.of(factsCommit, marketCommit, dimCommit));

        Row dim = TestLake.spark().sql("SELECT current_rank, current_as_of, first_seen_date FROM " + GoldTables.DIM_ASSET
                + " WHERE asset_id = 'g-late'").first();
        assertThat(dim.<Integer>getAs(0)).isEqualTo(expected.get("g-late").get(LAST).rank());
        assertThat(dim.<LocalDate>getAs(1)).isEqualTo(LAST);
        assertThat(dim.<LocalDate>getAs(2)).isEqualTo(LocalDate.of(2020, 3, 8));
    }

    @Test
    void aDayWithoutSilverIsAClearError() {
        assertThatThrownBy(() -> new GoldJob(TestLake.spark(), TestLake.config(), out()).run(LocalDate.of(1990, 1, 1),
                LocalDate.of(1990, 1, 2))).isInstanceOf(JobFailure.class)
                .hasMessageContaining("No silver rows for [1990-01-01, 1990-01-02]")
                .hasMessageContaining("./coinlake silver --date 1990-01-01 --to 1990-01-02");
    }

    private static void assertCloseOrBothNull(Double actual, Double expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isNotNull().isCloseTo(expected, within(1e-9));
        }
    }
}
