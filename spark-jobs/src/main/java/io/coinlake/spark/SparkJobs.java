package io.coinlake.spark;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigException;
import io.coinlake.config.ConfigResolver;
import io.coinlake.config.Launcher;
import io.coinlake.dates.DateRange;
import io.coinlake.process.GoSignal;
import io.coinlake.process.ParentWatch;
import io.coinlake.spark.gold.GoldJob;
import io.coinlake.spark.maintenance.Maintenance;
import io.coinlake.spark.quality.QualityLog;
import io.coinlake.spark.quality.QualityResult;
import io.coinlake.spark.report.ReportJob;
import io.coinlake.spark.silver.SilverJob;
import io.coinlake.spark.table.SchemaConflict;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Entry point of the Spark jobs, the same under {@code spark-submit} and under {@code ./coinlake}
 * (which runs it as a child JVM). Settings come from {@code --set}, the environment and the
 * config file, with the same precedence as everywhere in coinlake.
 *
 * <p>Exit codes: 0 done; 1 could not run (perhaps for a while: a store down, a bad argument); 2 ran
 * but the counts did not reconcile or an error-level quality check failed, so nothing was
 * published; 3 a table cannot be brought to its definition; 4 a job started with {@code --await-go}
 * was called off. Another try changes nothing for 2 and 3, so the DAGs do not retry them.
 */
@Command(name = "coinlake-spark", mixinStandardHelpOptions = true,
        subcommands = {SparkJobs.Silver.class, SparkJobs.Gold.class, SparkJobs.Pipeline.class, SparkJobs.Quality.class,
            SparkJobs.Sql.class, SparkJobs.Report.class, SparkJobs.Maintain.class,
            SparkJobs.CheckCatalog.class})
public final class SparkJobs {
    static final int CHECKS_FAILED = 2;
    static final int SCHEMA_CONFLICT = 3;

    public static void main(String[] args) {
        ParentWatch.exitWithParent(System.getenv());
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new SparkJobs());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("coinlake: " + describe(exception));
            if (System.getenv("COINLAKE_DEBUG") != null) {
                exception.printStackTrace(line.getErr());
            }
            return exception instanceof SchemaConflict ? SCHEMA_CONFLICT : 1;
        });
        return commandLine.execute(args);
    }

    private static String describe(Exception e) {
        if (e instanceof JobFailure || e instanceof ConfigException || e instanceof DateRange.InvalidDates) {
            return e.getMessage();
        }
        if (e instanceof AnalysisException analysis) {
            // Spark's message goes on with generic advice over several lines: its first line says it all.
            return analysis.getSimpleMessage().lines().findFirst().orElse("") + (analysis.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND")
                    ? " Silver tables appear after the first '" + Launcher.COMMAND + " silver --date D'." : "");
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (set COINLAKE_DEBUG=1 for the stack trace)";
    }

    /** Options every job takes. */
    static final class Settings {
        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A setting for this run (repeatable).")
        Map<String, String> values = new LinkedHashMap<>();

        CoinlakeConfig resolve() {
            return ConfigResolver.resolve(values, System.getenv());
        }
    }

    /** A job over a date range in one SparkSession; returns whether every error-level check passed. */
    abstract static class DatedJob implements Callable<Integer> {
        @CommandLine.Mixin
        Settings settings;

        @Option(names = {"--date", "--from"}, required = true, paramLabel = "YYYY-MM-DD")
        String from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date, inclusive (default: the first).")
        String to;

        @Option(names = "--await-go", description = "Start Spark, then wait for the line 'go' on standard input before"
                + " touching the lake; any other line or the end of the input ends the job with exit code 4. The CLI"
                + " starts a job this way while it still produces the job's bronze, so Spark's start-up overlaps it.")
        boolean awaitGo;

        @Override
        public Integer call() {
            CoinlakeConfig config = settings.resolve();
            List<LocalDate> dates = dates(from, to);
            SparkSession spark = LakeSession.create(config, "coinlake " + name() + " " + dates.get(0));
            try {
                if (awaitGo && !GoSignal.await(System.in)) {
                    return GoSignal.CALLED_OFF;
                }
                return run(spark, config, dates) ? 0 : CHECKS_FAILED;
            } finally {
                spark.stop();
            }
        }

        abstract String name();

        abstract boolean run(SparkSession spark, CoinlakeConfig config, List<LocalDate> dates);
    }

    @Command(name = "silver", mixinStandardHelpOptions = true,
            description = "Build silver from the bronze of a date or a range of dates.")
    static final class Silver extends DatedJob {
        @Override
        String name() {
            return "silver";
        }

        @Override
        boolean run(SparkSession spark, CoinlakeConfig config, List<LocalDate> dates) {
            return new SilverJob(spark, config, System.out).run(dates).succeeded();
        }
    }

    @Command(name = "gold", mixinStandardHelpOptions = true,
            description = "Rebuild the gold tables for a day or a range of days from silver (incremental).")
    static final class Gold extends DatedJob {
        @Option(names = "--full-refresh", arity = "0..1", paramLabel = "true|false",
                description = "Start at the first day of silver instead of --date.")
        boolean fullRefresh;

        @Override
        String name() {
            return "gold";
        }

        @Override
        boolean run(SparkSession spark, CoinlakeConfig config, List<LocalDate> dates) {
            return new GoldJob(spark, config, System.out).run(goldStart(spark, config, dates, fullRefresh), dates.get(dates.size() - 1))
                    .succeeded();
        }
    }

    /** The first day gold rebuilds: the range's, or with a full refresh the first day of silver. */
    private static LocalDate goldStart(SparkSession spark, CoinlakeConfig config, List<LocalDate> dates, boolean fullRefresh) {
        if (!fullRefresh) {
            return dates.get(0);
        }
        LakeTables.ensure(spark, config, System.out::println);
        Row oldest = spark.sql("SELECT min(snapshot_date) FROM " + LakeTables.ASSET_SNAPSHOTS).first();
        return oldest.isNullAt(0) ? dates.get(0) : oldest.getLocalDate(0);
    }

    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = "Print the newest quality results of a job for a date; exit 2 if an error-level check failed.")
    static final class Quality extends DatedJob {
        @Option(names = "--job", required = true, description = "silver or gold")
        String job;

        @Override
        String name() {
            return "quality";
        }

        @Override
        boolean run(SparkSession spark, CoinlakeConfig config, List<LocalDate> dates) {
            LakeTables.ensure(spark, config, System.out::println);
            List<QualityResult> results = QualityLog.newest(spark, job, dates);
            if (results.isEmpty()) {
                throw new JobFailure("No " + job + " quality results for " + dates + ": run '" + Launcher.COMMAND + " " + job
                        + " --date " + dates.get(0) + "' first.");
            }
            QualityLog.print(System.out, job, results);
            return results.stream().noneMatch(QualityResult::failsJob);
        }
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = "Silver then gold for a range of dates in one Spark session, then a summary of every layer.")
    static final class Pipeline extends DatedJob {
        @Option(names = "--full-refresh", arity = "0..1", paramLabel = "true|false",
                description = "Rebuild gold from the first day of silver instead of --date.")
        boolean fullRefresh;

        @Override
        String name() {
            return "pipeline";
        }

        @Override
        boolean run(SparkSession spark, CoinlakeConfig config, List<LocalDate> dates) {
            long started = System.nanoTime();
            SilverJob.Result silver = new SilverJob(spark, config, System.out).run(dates);
            long silverDone = System.nanoTime();
            if (!silver.succeeded()) {
                // Gold over a silver that kept the range unpublished would rebuild the range's days from what is missing.
                System.out.println("gold: not run, since silver published nothing (see its FAIL lines above)");
                return false;
            }
            GoldJob.Result gold = new GoldJob(spark, config, System.out).run(goldStart(spark, config, dates, fullRefresh),
                    dates.get(dates.size() - 1));
            long goldDone = System.nanoTime();
            List<QualityResult> checks = new ArrayList<>(silver.checks());
            checks.addAll(gold.checks());
            LayerSummary.print(spark, dates, checks, System.out);
            System.out.printf("spark time: silver %.1f s, gold %.1f s%n", (silverDone - started) / 1e9, (goldDone - silverDone) / 1e9);
            return silver.succeeded() && gold.succeeded();
        }
    }

    @Command(name = "maintain", mixinStandardHelpOptions = true,
            description = "Compact data files, rewrite manifests, expire snapshots and delete orphan files of every table.")
    static final class Maintain implements Callable<Integer> {
        @CommandLine.Mixin
        Settings settings;

        @Option(names = "--dry-run", arity = "0..1", paramLabel = "true|false",
                description = "Print what would be done and change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            CoinlakeConfig config = settings.resolve();
            SparkSession spark = LakeSession.create(config, "coinlake maintain");
            try {
                new Maintenance(spark, config, System.out).run(dryRun);
                return 0;
            } finally {
                spark.stop();
            }
        }
    }

    @Command(name = "check-catalog", mixinStandardHelpOptions = true,
            description = "Open the Iceberg catalog without Spark and read every table's metadata; exit 1 if that fails.")
    static final class CheckCatalog implements Callable<Integer> {
        @CommandLine.Mixin
        Settings settings;

        @Override
        public Integer call() {
            CoinlakeConfig config = settings.resolve();
            try {
                System.out.println("[catalog] " + LakeCatalog.check(config));
                return 0;
            } catch (RuntimeException e) {
                System.out.println("[catalog] cannot read the catalog at " + config.catalogAddress() + ": " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "sql", mixinStandardHelpOptions = true,
            description = "Run Spark SQL against the lake catalog and print the result as a table.")
    static final class Sql implements Callable<Integer> {
        @CommandLine.Mixin
        Settings settings;

        @Parameters(paramLabel = "QUERY", description = "e.g. \"select * from silver.asset_snapshots limit 5\"")
        String query;

        @Option(names = "--max-rows", defaultValue = "100", description = "Most rows printed (default: ${DEFAULT-VALUE}).")
        int maxRows;

        @Override
        public Integer call() throws Exception {
            CoinlakeConfig config = settings.resolve();
            SparkSession spark = LakeSession.create(config, "coinlake sql");
            try {
                ResultTable.print(spark.sql(query), maxRows, System.out);
                return 0;
            } finally {
                spark.stop();
            }
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write an HTML report of gold's days (all of them, or --from/--to) with the audit log's checks.")
    static final class Report implements Callable<Integer> {
        @CommandLine.Mixin
        Settings settings;

        @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day (default: gold's first).")
        String from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day (default: gold's last).")
        String to;

        @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "Assets in the price charts (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
        Path out;

        @Override
        public Integer call() {
            CoinlakeConfig config = settings.resolve();
            LocalDate first = from == null ? null : DateRange.parseDate("--from", from);
            LocalDate last = to == null ? null : DateRange.parseDate("--to", to);
            if (first != null && last != null) {
                new DateRange(first, last); // refuses a --to before --from
            }
            SparkSession spark = LakeSession.create(config, "coinlake report");
            try {
                new ReportJob(spark, config, System.out).write(first, last, top, out);
                return 0;
            } finally {
                spark.stop();
            }
        }
    }

    static List<LocalDate> dates(String from, String to) {
        return DateRange.parse(from, to).dates();
    }
}
