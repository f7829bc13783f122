package io.coinlake.spark.silver;

import io.coinlake.spark.MergeOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.spark.Bronze;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.TestLake;
import io.coinlake.spark.table.LakeTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reruns, late corrections, out-of-order dates and concurrent runs. Each test owns its dates and asset ids. */
class SilverRerunTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void showWhatTheJobPrinted() {
        System.out.print(printed.toString(StandardCharsets.UTF_8));
    }

    private SilverJob.Result silver(LocalDate... dates) throws Exception {
        return new SilverJob(TestLake.spark(), TestLake.config(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(List.of(dates));
    }

    private static String asset(String id, String symbol, String price) {
        return "{\"id\":\"" + id + "\",\"rank\":\"1\",\"symbol\":\"" + symbol + "\",\"name\":\"" + id
                + "\",\"supply\":\"10\",\"maxSupply\":\"21\",\"marketCapUsd\":\"500\",\"volumeUsd24Hr\":\"1\","
                + "\"priceUsd\":\"" + price + "\",\"changePercent24Hr\":\"0\",\"vwap24Hr\":\"1\",\"explorer\":\"https://x.example\"}";
    }

    private static List<String> batch(LocalDate date, String runId, Instant fetched, String... raws) {
        List<String> assets = new ArrayList<>(List.of(raws));
        // Ranks must differ within a snapshot: number them in order.
        for (int i = 0; i < assets.size(); i++) {
            assets.set(i, assets.get(i).replace("\"rank\":\"1\"", "\"rank\":\"" + (i + 1) + "\""));
        }
        return Bronze.liveBatch(date, runId, fetched, closeOf(date), assets);
    }

    private static Instant closeOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
    }

    private static List<Row> table(LakeTable table, String where) throws Exception {
        return TestLake.spark().sql("SELECT * FROM " + table + " WHERE " + where + " ORDER BY 1, 2, 3").collectAsList();
    }

    private static long currentSnapshot(LakeTable table) throws Exception {
        return TestLake.spark().sql("SELECT snapshot_id FROM " + table + ".history WHERE is_current_ancestor"
                + " ORDER BY made_current_at DESC LIMIT 1").first().getLong(0);
    }

    @Test
    void threeRunsOfOneDateLeaveTheTablesExactlyAsTheyWere() throws Exception {
        LocalDate date = LocalDate.of(2026, 9, 10);
        List<String> lines = new ArrayList<>(batch(date, "run-1", Instant.parse("2026-09-11T00:01:00Z"),
                asset("rr-a", "RRA", "1.5"), asset("rr-b", "RRB", "2.5")));
        lines.add("not json at all");
        Bronze.land(date, 0, 0, lines);
        String snapshotsWhere = "snapshot_date = DATE'2026-09-10'";
        String assetsWhere = "asset_id LIKE 'rr-%'";
        String rejectedWhere = "bronze_date = DATE'2026-09-10'";

        silver(date);
        List<Row> snapshots = table(LakeTables.ASSET_SNAPSHOTS, snapshotsWhere);
        List<Row> assets = table(LakeTables.ASSETS, assetsWhere);
        List<Row> rejected = table(LakeTables.REJECTED_RECORDS, rejectedWhere);
        List<Long> commits = List.of(currentSnapshot(LakeTables.ASSET_SNAPSHOTS), currentSnapshot(LakeTables.ASSETS),
                currentSnapshot(LakeTables.REJECTED_RECORDS));
        assertThat(snapshots).hasSize(2);
        assertThat(assets).hasSize(2);
        assertThat(rejected).hasSize(1);

        for (int run = 2; run <= 3; run++) {
            SilverJob.Result result = silver(date);
            assertThat(result.merges()).allSatisfy(merge -> {
                assertThat(merge.inserted()).isZero();
                assertThat(merge.updated()).isZero();
            });
            assertThat(table(LakeTables.ASSET_SNAPSHOTS, snapshotsWhere)).as("run " + run).isEqualTo(snapshots);
            assertThat(table(LakeTables.ASSETS, assetsWhere)).as("run " + run).isEqualTo(assets);
            assertThat(table(LakeTables.REJECTED_RECORDS, rejectedWhere)).as("run " + run).isEqualTo(rejected);
            assertThat(List.of(currentSnapshot(LakeTables.ASSET_SNAPSHOTS), currentSnapshot(LakeTables.ASSETS),
                    currentSnapshot(LakeTables.REJECTED_RECORDS))).as("no new commit in run " + run).isEqualTo(commits);
        }
    }

    @Test
    void aLateCorrectionUpdatesItsRowAndAnOlderFetchNeverWins() throws Exception {
        LocalDate date = LocalDate.of(2026, 9, 11);
        Bronze.land(date, 0, 0, batch(date, "run-first", Instant.parse("2026-09-12T00:01:00Z"),
                asset("lc-a", "LCA", "10"), asset("lc-b", "LCB", "20")));
        silver(date);

        Bronze.land(date, 1, 0, batch(date, "run-corrected", Instant.parse("2026-09-12T06:00:00Z"),
                asset("lc-a", "LCA", "10"), asset("lc-b", "LCB", "20.5")));
        SilverJob.Result corrected = silver(date);

        assertThat(corrected.merges().get(0)).isEqualTo(new MergeOutcome("silver.asset_snapshots", 0, 1, 1));
        Row b = TestLake.spark().sql("SELECT price_usd, run_id FROM silver.asset_snapshots"
                + " WHERE snapshot_date = DATE'2026-09-11' AND asset_id = 'lc-b'").first();
        assertThat(b.getDecimal(0).toPlainString()).isEqualTo("20.5000000000000000");
        assertThat(b.getString(1)).isEqualTo("run-corrected");
        Row a = TestLake.spark().sql("SELECT run_id FROM silver.asset_snapshots"
                + " WHERE snapshot_date = DATE'2026-09-11' AND asset_id = 'lc-a'").first();
        assertThat(a.getString(0)).as("same values from a newer fetch change nothing").isEqualTo("run-first");

        Bronze.land(date, 2, 0, batch(date, "run-stale", Instant.parse("2026-09-12T00:00:30Z"),
                asset("lc-a", "LCA", "9"), asset("lc-b", "LCB", "19")));
        SilverJob.Result stale = silver(date);

        assertThat(stale.merges().get(0)).isEqualTo(new MergeOutcome("silver.asset_snapshots", 0, 0, 2));
        assertThat(stale.reconciliations()).singleElement().isEqualTo(new Reconciliation(date, 6, 2, 4, 0));
    }

    @Test
    void assetsKeepTheNewestAttributesWhateverOrderDatesRunIn() throws Exception {
        LocalDate earlier = LocalDate.of(2026, 9, 14);
        LocalDate later = LocalDate.of(2026, 9, 15);
        Bronze.land(later, 0, 0, batch(later, "run-later", Instant.parse("2026-09-16T00:01:00Z"), asset("scd-a", "NEW", "1")));
        Bronze.land(earlier, 0, 0, batch(earlier, "run-earlier", Instant.parse("2026-09-15T00:01:00Z"), asset("scd-a", "OLD", "1")));

        silver(later);
        silver(earlier);

        Row row = TestLake.spark().sql("SELECT symbol, first_seen_date, last_seen_date, attributes_as_of FROM silver.assets"
                + " WHERE asset_id = 'scd-a'").first();
        assertThat(row.getString(0)).isEqualTo("NEW");
        assertThat(row.<LocalDate>getAs(1)).isEqualTo(earlier);
        assertThat(row.<LocalDate>getAs(2)).isEqualTo(later);
        assertThat(row.<Instant>getAs(3)).isEqualTo(closeOf(later));
    }

    /** Runs silver for the two dates in two threads at once; both runs must succeed. */
    private void bothSucceedAtTheSameTime(LocalDate one, LocalDate two) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SilverJob.Result> first = pool.submit(() -> silver(one));
            Future<SilverJob.Result> second = pool.submit(() -> silver(two));
            assertThat(first.get().succeeded()).isTrue();
            assertThat(second.get().succeeded()).isTrue();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void silverRunsForTwoDatesAtTheSameTimeBothCommit() throws Exception {
        LocalDate first = LocalDate.of(2026, 9, 20);
        LocalDate second = LocalDate.of(2026, 9, 21);
        for (LocalDate date : List.of(first, second)) {
            Bronze.land(date, 0, 0, batch(date, "run-" + date, Instant.parse(date.plusDays(1) + "T00:01:00Z"),
                    asset("cc-a", "CCA", "1"), asset("cc-b", "CCB", "2"), asset("cc-c", "CCC", "3")));
        }
        TestLake.spark();

        bothSucceedAtTheSameTime(first, second);

        assertThat(TestLake.spark().sql("SELECT snapshot_date, count(*) FROM silver.asset_snapshots"
                + " WHERE snapshot_date IN (DATE'2026-09-20', DATE'2026-09-21') GROUP BY 1 ORDER BY 1").collectAsList())
                .extracting(r -> r.getLong(1)).containsExactly(3L, 3L);
        assertThat(TestLake.spark().sql("SELECT first_seen_date, last_seen_date FROM silver.assets WHERE asset_id LIKE 'cc-%'")
                .collectAsList()).hasSize(3).allSatisfy(r -> {
                    assertThat(r.<LocalDate>getAs(0)).isEqualTo(first);
                    assertThat(r.<LocalDate>getAs(1)).isEqualTo(second);
                });
    }

    @Test
    void silverRunsForTheSameDateAtTheSameTimeLeaveOneRowPerKey() throws Exception {
        LocalDate date = LocalDate.of(2026, 9, 22);
        Bronze.land(date, 0, 0, batch(date, "run-same", Instant.parse("2026-09-23T00:01:00Z"),
                asset("same-a", "SMA", "1"), asset("same-b", "SMB", "2"), asset("same-c", "SMC", "3")));
        TestLake.spark();

        // Both find every row new and append it on their own branch; the second to publish must find
        // main moved and run again from it, where nothing is new.
        bothSucceedAtTheSameTime(date, date);

        assertThat(TestLake.spark().sql("SELECT asset_id, count(*) FROM silver.asset_snapshots WHERE snapshot_date = DATE'"
                + date + "' GROUP BY 1 ORDER BY 1").collectAsList())
                .extracting(r -> r.getString(0) + " " + r.getLong(1)).containsExactly("same-a 1", "same-b 1", "same-c 1");
        assertThat(TestLake.spark().sql("SELECT count(*) FROM silver.assets WHERE asset_id LIKE 'same-%'").first().getLong(0))
                .isEqualTo(3L);
    }
}
