package io.coinlake.spark.silver;

import static io.coinlake.spark.quality.QualityResult.Severity.ERROR;
import static io.coinlake.spark.quality.QualityResult.Severity.WARN;
import static io.coinlake.spark.quality.QualityResult.expectZero;
import static org.apache.spark.sql.functions.expr;

import io.coinlake.config.Launcher;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.SqlText;
import io.coinlake.spark.quality.DailyStats;
import io.coinlake.spark.quality.QualityResult;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The quality checks of silver after a run, one result per check and date. They read the tables
 * as users will see them (not the run's input), except batch completeness, which needs the
 * envelopes' batch sizes.
 */
final class SilverChecks {
    static final String SNAPSHOTS = LakeTables.ASSET_SNAPSHOTS.shortName();
    static final String REJECTED = LakeTables.REJECTED_RECORDS.shortName();
    /** CoinCap ranks a few thousand assets; a rank beyond this is a data error, not a small coin. */
    static final int HIGHEST_PLAUSIBLE_RANK = 10_000;

    private final SparkSession spark;
    private final String inDates;

    SilverChecks(SparkSession spark, List<LocalDate> dates) {
        this.spark = spark;
        this.inDates = SqlText.dates(dates);
    }

    List<QualityResult> run(List<Reconciliation> reconciliations, SilverInput input, int expectedAssets, LocalDate today) {
        // Per snapshot first (the rank check is a snapshot's), then per date: one query for all dates.
        Map<LocalDate, Row> snapshotStats = DailyStats.query(spark, "SELECT snapshot_date, sum(row_count) AS row_count,"
                + " sum(null_keys) AS null_keys, sum(duplicate_keys) AS duplicate_keys, sum(bad_prices) AS bad_prices,"
                + " CAST(size(array_distinct(flatten(collect_list(assets)))) AS BIGINT) AS assets,"
                + " count_if(bad_ranks) AS bad_snapshots"
                + " FROM (SELECT snapshot_date, count(*) AS row_count,"
                + " count_if(asset_id IS NULL OR snapshot_ts IS NULL) AS null_keys,"
                // count(DISTINCT asset_id, snapshot_ts) per date, as a sum over the date's snapshots
                + " count(*) - IF(snapshot_ts IS NULL, 0, count(DISTINCT asset_id)) AS duplicate_keys,"
                + " count_if(price_usd <= 0) AS bad_prices, collect_set(asset_id) AS assets,"
                + " count(rank) <> count(DISTINCT rank) OR max(rank) > " + HIGHEST_PLAUSIBLE_RANK + " AS bad_ranks"
                + " FROM " + LakeTables.ASSET_SNAPSHOTS + " WHERE snapshot_date IN " + inDates
                + " GROUP BY snapshot_date, snapshot_ts) GROUP BY snapshot_date");
        Map<LocalDate, Row> rejectedStats = DailyStats.query(spark, "SELECT bronze_date, count(*) AS rejected FROM "
                + LakeTables.REJECTED_RECORDS + " WHERE bronze_date IN " + inDates + " GROUP BY bronze_date");
        Map<LocalDate, List<String>> incompleteBatches = incompleteBatches(input);
        LocalDate newestDate = newestSnapshotDate();

        List<QualityResult> results = new ArrayList<>();
        for (Reconciliation r : reconciliations) {
            LocalDate date = r.date();
            Row stats = snapshotStats.get(date);
            long rows = DailyStats.count(stats, "row_count");
            results.add(r.asCheck());
            results.add(result(date, SNAPSHOTS, "not_empty", ERROR, rows > 0, rows + " rows", "at least 1 row"));
            results.add(expectZero(date, SNAPSHOTS, "non_null_keys", ERROR, DailyStats.count(stats, "null_keys"),
                    "rows with a null key"));
            results.add(expectZero(date, SNAPSHOTS, "unique_grain", ERROR, DailyStats.count(stats, "duplicate_keys"),
                    "rows sharing (asset_id, snapshot_ts)"));
            results.add(expectZero(date, SNAPSHOTS, "price_positive", ERROR, DailyStats.count(stats, "bad_prices"),
                    "rows with price_usd <= 0"));
            results.add(expectZero(date, SNAPSHOTS, "plausible_ranks", WARN, DailyStats.count(stats, "bad_snapshots"),
                    "snapshots with repeated ranks or a rank above " + HIGHEST_PLAUSIBLE_RANK));
            List<String> incomplete = incompleteBatches.getOrDefault(date, List.of());
            results.add(result(date, "bronze", "batch_complete", ERROR, incomplete.isEmpty(),
                    incomplete.isEmpty() ? "every batch has all its records" : String.join("; ", incomplete),
                    "every record of every batch in bronze (wait with '" + Launcher.COMMAND + " bronze wait --date " + date + "')"));
            long assets = DailyStats.count(stats, "assets");
            results.add(result(date, SNAPSHOTS, "expected_asset_count", WARN, assets >= expectedAssets,
                    assets + " assets", "at least " + expectedAssets + " (COINLAKE_ASSET_COUNT)"));
            Row rejected = rejectedStats.get(date);
            results.add(expectZero(date, REJECTED, "no_rejected_records", WARN,
                    DailyStats.count(rejected, "rejected"), "rejected lines (see silver.rejected_records)"));
        }
        // Freshness is the table's, not a date's: reported once, with the run's last date.
        LocalDate freshEnough = today.minusDays(1);
        results.add(result(reconciliations.get(reconciliations.size() - 1).date(), SNAPSHOTS, "freshness", WARN,
                newestDate != null && !newestDate.isBefore(freshEnough), "newest snapshot_date " + newestDate,
                freshEnough + " or later"));
        return results;
    }

    private LocalDate newestSnapshotDate() {
        Row newest = spark.sql("SELECT max(snapshot_date) FROM " + LakeTables.ASSET_SNAPSHOTS).first();
        return newest.isNullAt(0) ? null : newest.getLocalDate(0);
    }

    static LocalDate todayUtc() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Batches (runs) of each date whose records did not all reach bronze, as "run X: 18 of 20". */
    private Map<LocalDate, List<String>> incompleteBatches(SilverInput input) {
        Map<LocalDate, List<String>> incomplete = new HashMap<>();
        List<Row> batches = input.records.where("e.runId IS NOT NULL AND logical_date IS NOT NULL")
                .groupBy("logical_date", "e.runId")
                .agg(expr("count(DISTINCT e.index) AS landed"), expr("max(try_cast(e.count AS INT)) AS expected"))
                .collectAsList();
        for (Row batch : batches) {
            long landed = batch.<Long>getAs("landed");
            Integer expected = batch.getAs("expected");
            if (expected == null || landed < expected) {
                incomplete.computeIfAbsent(batch.<LocalDate>getAs("logical_date"), d -> new ArrayList<>())
                        .add("run " + batch.<String>getAs("runId") + ": " + landed + " of " + expected + " records");
            }
        }
        return incomplete;
    }



    private static QualityResult result(LocalDate date, String table, String check, QualityResult.Severity severity,
                                        boolean passed, String observed, String expected) {
        return new QualityResult(date, table, check, severity, passed, observed, expected);
    }
}
