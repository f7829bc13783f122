package io.coinlake.spark.silver;

import io.coinlake.config.Launcher;
import io.coinlake.spark.MergeOutcome;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.spark.AuditBranch;
import io.coinlake.spark.JobFailure;
import io.coinlake.spark.JobRunId;
import io.coinlake.spark.LakeCatalog;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.quality.QualityLog;
import io.coinlake.spark.table.LakeTable;
import io.coinlake.spark.quality.QualityResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Bronze to silver for a range of dates: read the dates' bronze partitions, parse and check every
 * line, drop duplicates, reconcile the counts, MERGE new and changed rows into
 * silver.asset_snapshots, silver.assets and silver.rejected_records on the run's own branch, run
 * the quality checks there, and publish the branch to main only when no error-level check failed
 * ({@link AuditBranch}).
 */
public final class SilverJob {
    static final String JOB = "silver";
    private static final Pattern DATE_DIRECTORY = Pattern.compile("dt=[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** The tables a run writes, all published together once the run's checks pass. */
    static final List<LakeTable> AUDITED = List.of(LakeTables.ASSET_SNAPSHOTS, LakeTables.ASSETS, LakeTables.REJECTED_RECORDS);
    /** What a run did. {@link #succeeded()} is false when the counts did not reconcile or an error-level check failed. */
    public record Result(String jobRunId, List<Reconciliation> reconciliations, List<MergeOutcome> merges,
                         List<QualityResult> checks) {
        public boolean succeeded() {
            return reconciliations.stream().allMatch(Reconciliation::balanced)
                    && checks.stream().noneMatch(QualityResult::failsJob);
        }
    }

    private final SparkSession spark;
    private final CoinlakeConfig config;
    private final PrintStream out;

    public SilverJob(SparkSession spark, CoinlakeConfig config, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.out = out;
    }

    public Result run(List<LocalDate> dates) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String jobRunId = JobRunId.next(JOB, now);
        LakeTables.ensure(spark, config, this::progress);
        Function<SparkSession, Dataset<Row>> bronze = bronzeReader(dates);
        progress("run " + jobRunId + ": reading bronze of " + describe(dates));
        return AuditBranch.withRetries(spark, jobRunId, AUDITED,
                branch -> writeAuditPublish(branch, dates, bronze, jobRunId, now), this::progress);
    }

    private Result writeAuditPublish(AuditBranch branch, List<LocalDate> dates, Function<SparkSession, Dataset<Row>> bronze,
                                     String jobRunId, Instant now) {
        SparkSession session = branch.session();
        try (SilverInput input = new SilverInput(bronze.apply(session))) {
            List<Reconciliation> reconciliations = Reconciliation.of(input, dates);
            reconciliations.forEach(r -> progress(r.date() + ": " + r));
            if (!reconciliations.stream().allMatch(Reconciliation::balanced)) {
                List<QualityResult> failed = reconciliations.stream().map(Reconciliation::asCheck).toList();
                QualityLog.append(session, JOB, jobRunId, now, failed);
                QualityLog.print(out, JOB, failed);
                progress("the counts do not add up, so nothing was written. This is a bug in the silver job:"
                        + " please report it with the lines above.");
                return new Result(jobRunId, reconciliations, List.of(), failed);
            }

            SilverWriter writer = new SilverWriter(session, dates, now, jobRunId.replace('-', '_'), this::progress);
            List<MergeOutcome> merges = List.of(
                    writer.mergeSnapshots(input.snapshots, reconciliations.stream().mapToLong(Reconciliation::snapshots).sum()),
                    writer.mergeAssets(input.snapshots),
                    writer.mergeRejected(input.rejected, reconciliations.stream().mapToLong(Reconciliation::rejected).sum()));

            List<QualityResult> checks = new SilverChecks(session, dates)
                    .run(reconciliations, input, config.get(Settings.COINLAKE_ASSET_COUNT), SilverChecks.todayUtc());
            Result result = new Result(jobRunId, reconciliations, merges, checks);
            if (result.succeeded()) {
                branch.publish(this::progress);
            }
            QualityLog.append(session, JOB, jobRunId, now, checks);
            QualityLog.print(out, JOB, checks);
            if (!result.succeeded()) {
                progress("an error-level quality check failed, so nothing was published: readers still see silver as it"
                        + " was. Look at the FAIL lines above (all results: select * from audit.quality_checks where"
                        + " job_run_id = '" + jobRunId + "'); " + branch.inspectionHint(LakeTables.ASSET_SNAPSHOTS)
                        + ". Fix the cause and run silver again.");
            }
            return result;
        }
    }

    /**
     * How the run reads its dates' bronze, after checking that every date has some. When the
     * topic's directory holds date directories only (as the sink writes it), a long range lists it
     * once and picks the dates from it; otherwise each date's directory is listed on its own.
     */
    private Function<SparkSession, Dataset<Row>> bronzeReader(List<LocalDate> dates) {
        Path topic = new Path(LakeCatalog.bronzeDirectory(config, dates.get(0))).getParent();
        List<FileStatus> children = children(topic);
        Set<String> present = new HashSet<>();
        children.stream().filter(FileStatus::isDirectory).forEach(child -> present.add(child.getPath().getName()));
        List<LocalDate> missing = dates.stream()
                .filter(date -> !present.contains(new Path(LakeCatalog.bronzeDirectory(config, date)).getName())).toList();
        if (!missing.isEmpty()) {
            throw new JobFailure("No bronze for " + missing + " under " + topic + "/. Land it first: '" + Launcher.COMMAND + " produce"
                    + " --date D' then '" + Launcher.COMMAND + " bronze wait --date D' (or '" + Launcher.COMMAND + " run --from D --to D2').");
        }
        boolean onlyDates = children.stream().map(child -> child.getPath().getName())
                .filter(name -> !name.startsWith("_") && !name.startsWith("."))
                .allMatch(name -> DATE_DIRECTORY.matcher(name).matches());
        List<String> directories = dates.stream().map(date -> LakeCatalog.bronzeDirectory(config, date)).toList();
        if (onlyDates) {
            return session -> BronzeLines.read(session, topic.toString(), directories, dates);
        }
        return session -> BronzeLines.read(session, directories);
    }

    /** What the topic's bronze directory holds, in one listing however many dates a run has. */
    private List<FileStatus> children(Path topic) {
        try {
            FileSystem fs = topic.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(topic) ? List.of(fs.listStatus(topic)) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list bronze at " + topic + ": " + e.getMessage()
                    + ". Is the S3 store up ('" + Launcher.COMMAND + " status')?", e);
        }
    }

    private static String describe(List<LocalDate> dates) {
        return dates.size() == 1 ? dates.get(0).toString() : dates.get(0) + " to " + dates.get(dates.size() - 1)
                + " (" + dates.size() + " dates)";
    }

    private void progress(String message) {
        out.println("[silver] " + message);
    }
}
