package io.coinlake.spark.gold;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Launcher;
import io.coinlake.spark.AuditBranch;
import io.coinlake.spark.ChangedRows;
import io.coinlake.spark.JobFailure;
import io.coinlake.spark.JobRunId;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.MergeOutcome;
import io.coinlake.spark.SqlTemplate;
import io.coinlake.spark.SqlText;
import io.coinlake.spark.quality.QualityLog;
import io.coinlake.spark.quality.QualityResult;
import io.coinlake.spark.table.LakeTable;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Silver to gold for a range of days. Incremental: it reads the requested days' silver plus the
 * {@value #LOOKBACK_DAYS}-day lookback its windows need, and rewrites only the days whose
 * rows changed, so its cost follows the range, not the history. Days after the range keep their
 * windows as computed: after correcting an old day, rerun gold from that day on.
 *
 * <p>Written with write-audit-publish like silver ({@link AuditBranch}): readers see a run's gold
 * only once its error-level checks passed.
 */
public final class GoldJob {
    static final String JOB = "gold";
    /** The longest window (30 days for avg_close_30d) sets how far back a run must read silver. */
    static final int LOOKBACK_DAYS = 30;
    /** The tables a run writes, all published together once the run's checks pass. */
    static final List<LakeTable> AUDITED = GoldTables.DEFINITIONS;

    /** What a run did; {@link #succeeded()} is false when an error-level check failed. */
    public record Result(String jobRunId, List<ChangedDays.Outcome> writes, List<MergeOutcome> merges,
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
        LakeTables.ensure(spark, config, this::progress);
        List<LocalDate> days = daysWithSilver(first, last);
        progress("run " + jobRunId + ": " + first + (first.equals(last) ? "" : " to " + last)
                + ", reading silver from " + first.minusDays(LOOKBACK_DAYS) + " for the windows");
        return AuditBranch.withRetries(spark, jobRunId, AUDITED,
                branch -> writeAuditPublish(branch, first, last, days, jobRunId, now), this::progress);
    }

    private Result writeAuditPublish(AuditBranch branch, LocalDate first, LocalDate last, List<LocalDate> days,
                                     String jobRunId, Instant now) {
        SparkSession session = branch.session();
        String suffix = jobRunId.replace('-', '_');
        Map<String, String> values = values(first, last, now);
        List<ChangedDays.Outcome> writes = new ArrayList<>();
        List<MergeOutcome> merges = new ArrayList<>();
        List<Dataset<Row>> computed = new ArrayList<>();
        for (GoldTable table : GoldTables.ALL) {
            String sql = SqlTemplate.render(table.sql(), values);
            String view = "gold_" + table.name() + "_" + suffix;
            if (table.write() == GoldTable.Write.CHANGED_DAYS) {
                // Materialised: the rows are compared, counted and written, and later tables read them.
                Dataset<Row> rows = session.sql(sql).localCheckpoint(true);
                rows.createOrReplaceTempView(view);
                computed.add(rows);
                writes.add(ChangedDays.replaceChanged(session, table.definition(), rows, first, last, suffix, this::progress));
            } else {
                long candidates = session.table(table.candidates()).count();
                merges.add(ChangedRows.merge(session, table.definition(), sql, table.mergeOnGrain(), candidates, suffix,
                        this::progress));
                view = table.definition().name();
            }
            values.put(table.name(), view);
        }

        List<QualityResult> checks = new ArrayList<>();
        for (GoldTable table : GoldTables.ALL) {
            table.checks().ifPresent(tableChecks -> checks.addAll(tableChecks.run(session, days, values)));
        }
        checks.sort(Comparator.comparing(QualityResult::date));
        computed.forEach(Dataset::unpersist);
        Result result = new Result(jobRunId, writes, merges, checks);
        if (result.succeeded()) {
            branch.publish(this::progress);
        }
        QualityLog.append(session, JOB, jobRunId, now, checks);
        QualityLog.print(out, JOB, checks);
        if (!result.succeeded()) {
            progress("an error-level quality check failed, so nothing was published: readers still see gold as it was."
                    + " Look at the FAIL lines above (all results: select * from audit.quality_checks where job_run_id = '"
                    + jobRunId + "'); " + branch.inspectionHint(GoldTables.FCT_ASSET_DAILY) + ". Fix the cause and run gold again.");
        }
        return result;
    }

    /** What the gold SQL's placeholders stand for, before the run adds the views of the tables it built. */
    private static Map<String, String> values(LocalDate first, LocalDate last, Instant computedAt) {
        Map<String, String> values = new HashMap<>();
        values.put("first", SqlText.date(first));
        values.put("last", SqlText.date(last));
        values.put("lookback_first", SqlText.date(first.minusDays(LOOKBACK_DAYS)));
        values.put("computed_at", SqlText.timestamp(computedAt));
        return values;
    }

    /** gold.fct_asset_daily rows of {@code first..last} as this run computes them, without writing anything. */
    public Dataset<Row> compute(LocalDate first, LocalDate last, Instant computedAt) {
        return spark.sql(SqlTemplate.render(GoldTables.ALL.get(0).sql(), values(first, last, computedAt)));
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
            throw new JobFailure("No silver rows for " + missing + ". Build silver first: '" + Launcher.COMMAND + " silver --date "
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
