package io.coinlake.cli;

import io.coinlake.operations.SparkJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "silver", mixinStandardHelpOptions = true,
        description = {"Build the silver tables from the bronze of a date or a range of dates (a Spark job).",
            "Parses and checks every bronze line, drops duplicates, MERGEs new and changed rows into"
                    + " silver.asset_snapshots and silver.assets, quarantines bad lines in silver.rejected_records,"
                    + " then runs the quality checks. Reruns change nothing.",
            "Exit code 2: an error-level quality check failed, so nothing was published"
                    + " (the run's rows wait on its audit branch; see the FAIL lines)."})
final class SilverCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Mixin
    private DateRangeOptions dates;

    @Override
    public Integer call() throws Exception {
        return SparkJob.run(config.resolve(), dates.arguments("silver"), dates.range().days());
    }
}
