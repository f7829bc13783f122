package io.coinlake.spark.gold;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.spark.ChangedRows;
import io.coinlake.spark.JobFailure;
import io.coinlake.spark.JobRunId;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.MergeOutcome;
import io.coinlake.spark.SqlText;
import io.coinlake.spark.quality.QualityLog;
import io.coinlake.spark.quality.QualityResult;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Silver to gold for a range of days. Incremental: it reads the requested days' silver plus the
 * {@value GoldQueries#LOOKBACK_DAYS}-day lookback its windows need, and rewrites only the days whose
 * rows changed, so its cost follows the range, not the history. Days after the range keep their
 * windows as computed: after correcting an old day, rerun gold from that day on.
 */
public final class GoldJob {
    static final String JOB = "gold";

    /** What a run did; {@link #succeeded()} is false when an error-level check failed. */
    public record Result(String jobRunId, List<DailyPartitions.Outcome> writes, MergeOutcome dimAsset,
                         List<QualityResult> checks) {
        public boolean succeeded() {
            return checks.stream().noneMatch(QualityResult::failsJob);
        }
    }

    private final SparkSession spark;
    private final CoinlakeConfig config;
    private final PrintStream out;

    public GoldJob(SparkSession spark, CoinlakeConfig config, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.out = out;
    }

    public Result run(LocalDate first, LocalDate last) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String jobRunId = JobRunId.next(JOB, now);
        String suffix = jobRunId.replace('-', '_');
        LakeTables.ensure(spark, config);
        List<LocalDate> days = daysWithSilver(first, last);
        progress("run " + jobRunId + ": " + first + (first.equals(last) ? "" : " to " + last)
                + ", reading silver from " + first.minusDays(GoldQueries.LOOKBACK_DAYS) + " for the windows");

        Dataset<Row> facts = compute(first, last, now, suffix);
        String factsView = "gold_facts_" + suffix;
        facts.createOrReplaceTempView(factsView);
        List<DailyPartitions.Outcome> writes = new ArrayList<>();
        writes.add(DailyPartitions.replaceChanged(spark, LakeTables.FCT_ASSET_DAILY, facts, first, last, this::progress));
        Dataset<Row> market = spark.sql(GoldQueries.marketDaily(factsView, now)).localCheckpoint(true);
        writes.add(DailyPartitions.replaceChanged(spark, LakeTables.MARKET_DAILY, market, first, last, this::progress));
        MergeOutcome dim = mergeDimAsset(factsView, now, suffix);

        List<QualityResult> checks = new GoldChecks(spark).run(days);
        QualityLog.append(spark, JOB, jobRunId, now, checks);
        QualityLog.print(out, JOB, checks);
        facts.unpersist();
        market.unpersist();
        Result result = new Result(jobRunId, writes, dim, checks);
        if (!result.succeeded()) {
            progress("an error-level quality check failed: look at the FAIL lines above"
                    + " (all results: select * from audit.quality_checks where job_run_id = '" + jobRunId + "')");
        }
        return result;
    }

    /** gold.fct_asset_daily rows of {@code first..last} as this run computes them, without writing anything. */
    public Dataset<Row> compute(LocalDate first, LocalDate last, Instant computedAt, String viewSuffix) {
        String wide = "gold_wide_" + viewSuffix;
        spark.sql(GoldQueries.assetDaily(first, last, computedAt)).createOrReplaceTempView(wide);
        // Materialised: the rows are compared, counted and written, and the MERGE into dim_asset reads them.
        return spark.sql(GoldQueries.onlyDays(wide, first, last)).localCheckpoint(true);
    }

    private MergeOutcome mergeDimAsset(String factsView, Instant now, String suffix) {
        return ChangedRows.merge(spark, LakeTables.DIM_ASSET, GoldQueries.changedDimAsset(factsView, now),
                "MERGE INTO " + LakeTables.DIM_ASSET + " t USING %s s ON t.asset_id = s.asset_id"
                        + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *",
                spark.table(LakeTables.ASSETS).count(), suffix, this::progress);
    }

    /** The days of the range that silver has rows for; a hole in a range is skipped, an empty range is an error. */
    private List<LocalDate> daysWithSilver(LocalDate first, LocalDate last) {
        Set<LocalDate> present = new HashSet<>();
        for (Row row : spark.sql("SELECT DISTINCT snapshot_date FROM " + LakeTables.ASSET_SNAPSHOTS
                + " WHERE snapshot_date BETWEEN " + SqlText.date(first) + " AND " + SqlText.date(last)).collectAsList()) {
            present.add(row.getLocalDate(0));
        }
        List<LocalDate> missing = first.datesUntil(last.plusDays(1)).filter(day -> !present.contains(day)).toList();
        if (present.isEmpty()) {
            throw new JobFailure("No silver rows for " + missing + ". Build silver first: './coinlake silver --date "
                    + first + (first.equals(last) ? "" : " --to " + last) + "'.");
        }
        if (!missing.isEmpty()) {
            progress("no silver rows for " + missing + ": those days get no gold rows (if that is wrong, build their"
                    + " silver and run gold again)");
        }
        return first.datesUntil(last.plusDays(1)).filter(present::contains).toList();
    }

    private void progress(String message) {
        out.println("[gold] " + message);
    }
}
