package io.coinlake.spark.benchmark;

import io.coinlake.spark.LakeTables;
import io.coinlake.spark.TestLake;
import io.coinlake.spark.gold.GoldJob;
import io.coinlake.spark.gold.GoldTables;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints what gold costs for one day as history grows, and for a full rebuild. A benchmark, not a
 * test: it asserts nothing and is excluded from ./run-tests. Run it with
 * {@code ./run-tests -pl s3server,spark-jobs -am -Dgroups=benchmark -Dbenchmark.excludedGroups=none}.
 */
@Tag("benchmark")
class GoldCostBenchmark {
    private static final int ASSETS = 100;
    private static final LocalDate START = LocalDate.of(2000, 1, 1);

    @Test
    void goldCostForOneDayAsHistoryGrows() throws Exception {
        SparkSession spark = TestLake.spark();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        GoldJob gold = new GoldJob(spark, TestLake.config(), quiet);
        int loaded = 0;
        System.out.printf("%nbenchmark: gold for one day, %d assets, one snapshot a day%n", ASSETS);
        System.out.printf("%-16s %14s %12s%n", "days of history", "gold 1 day (s)", "silver rows");
        for (int days : new int[] {60, 200, 600}) {
            insertSilver(spark, loaded, days);
            loaded = days;
            LocalDate day = START.plusDays(days - 1);
            gold.run(day, day); // warm-up, and the first write of the day
            spark.sql("DELETE FROM " + GoldTables.FCT_ASSET_DAILY + " WHERE day = DATE'" + day + "'");
            long started = System.nanoTime();
            gold.run(day, day);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%-16d %14.2f %12d%n", days, seconds, (long) days * ASSETS);
        }
        LocalDate last = START.plusDays(loaded - 1);
        long started = System.nanoTime();
        gold.compute(START, last, java.time.Instant.now()).count();
        System.out.printf("full computation of %d days: %.2f s%n", loaded, (System.nanoTime() - started) / 1e9);
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap of the test JVM: %d MB%n", heap / (1024 * 1024));
    }

    /** Synthetic silver rows for days [from, to) of the benchmark's history, written straight to the table. */
    private static void insertSilver(SparkSession spark, int fromDay, int toDay) {
        spark.sql("INSERT INTO " + LakeTables.ASSET_SNAPSHOTS
                + " SELECT concat('bench-', a) AS asset_id,"
                + " CAST(date_add(DATE'" + START + "', d) AS TIMESTAMP) + INTERVAL 23 HOURS AS snapshot_ts,"
                + " date_add(DATE'" + START + "', d) AS snapshot_date, 'live', CAST(a + 1 AS INT),"
                + " CAST(100 + a + sin(d + a) * 10 AS DECIMAL(38,16)), CAST(1000 AS DECIMAL(38,16)), NULL,"
                + " CAST((100 + a + sin(d + a) * 10) * 1000 AS DECIMAL(38,16)), CAST(5000 AS DECIMAL(38,16)),"
                + " NULL, NULL, 'simulated', 'bench', current_timestamp(), 'bench', 0, CAST(d * 1000 + a AS BIGINT),"
                + " current_timestamp()"
                + " FROM (SELECT CAST(id AS INT) AS d FROM range(" + fromDay + ", " + toDay + ")) CROSS JOIN (SELECT CAST(id AS INT) AS a FROM range("
                + ASSETS + "))");
        spark.sql("MERGE INTO " + LakeTables.ASSETS + " t USING (SELECT concat('bench-', CAST(id AS INT)) AS asset_id,"
                + " 'BENCH' AS symbol, 'bench' AS name, CAST(NULL AS STRING) AS explorer_url, CAST(NULL AS DECIMAL(38,16)) AS max_supply,"
                + " CAST(NULL AS STRING) AS tokens, DATE'" + START + "' AS first_seen_date,"
                + " date_add(DATE'" + START + "', " + (toDay - 1) + ") AS last_seen_date, current_timestamp() AS attributes_as_of,"
                + " current_timestamp() AS updated_at FROM range(" + ASSETS + ")) s ON t.asset_id = s.asset_id"
                + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
    }
}
