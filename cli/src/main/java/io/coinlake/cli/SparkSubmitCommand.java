package io.coinlake.cli;

import io.coinlake.operations.SparkJob;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Spark's own launcher ({@code org.apache.spark.deploy.SparkSubmit}) from the jars the build made,
 * for machines without a Spark distribution: {@code spark-jobs/bin/spark-submit} is this command,
 * and Airflow's Spark tasks run it. It starts the JVM as the CLI's Spark jobs do (the class archive,
 * the compiler for a short job, the driver memory setting), so a task costs what {@code ./coinlake
 * silver} costs.
 */
@Command(name = "spark-submit",
        description = {"spark-submit without a Spark distribution: every argument goes to Spark's SparkSubmit,"
                + " e.g. ./coinlake spark-submit --master 'local[*]' --class io.coinlake.spark.SparkJobs"
                + " spark-jobs/target/coinlake-spark-jobs.jar silver --date 2026-11-01",
            "The JVM starts as for ./coinlake silver: the Spark class archive in COINLAKE_CACHE_DIR,"
                    + " and SPARK_DRIVER_MEMORY for the driver (local mode runs everything in it)."})
final class SparkSubmitCommand implements Callable<Integer> {
    static final String SPARK_SUBMIT_CLASS = "org.apache.spark.deploy.SparkSubmit";

    @Option(names = {"-h", "--help"}, usageHelp = true,
            description = "Show this help. Anywhere after the first argument, --help is spark-submit's.")
    private boolean help;

    @Parameters(paramLabel = "ARGS", description = "spark-submit's arguments, then the application's.")
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return SparkJob.run(new ConfigOptions().resolve(), SPARK_SUBMIT_CLASS, arguments, days(arguments));
    }

    /**
     * How many dates of data the submitted job reads, from the jobs' own --date (or --from), --to and
     * --full-refresh (all of silver's history); {@link SparkJob#NOT_DATED} without a date, and 1
     * when the dates are wrong, since the job then says so itself.
     */
    static int days(List<String> arguments) {
        if (arguments.contains("--full-refresh") || arguments.contains("--full-refresh=true")) {
            return Integer.MAX_VALUE;
        }
        LocalDate first = date(arguments, "--date", "--from");
        if (first == null) {
            return arguments.stream().anyMatch(argument -> List.of("--date", "--from").contains(argument)) ? 1 : SparkJob.NOT_DATED;
        }
        LocalDate last = date(arguments, "--to");
        if (last == null || last.isBefore(first)) {
            return 1;
        }
        return (int) (last.toEpochDay() - first.toEpochDay() + 1);
    }

    private static LocalDate date(List<String> arguments, String... names) {
        for (int i = 0; i < arguments.size() - 1; i++) {
            if (List.of(names).contains(arguments.get(i))) {
                try {
                    return LocalDate.parse(arguments.get(i + 1));
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
