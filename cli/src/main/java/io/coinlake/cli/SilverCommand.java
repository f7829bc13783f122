package io.coinlake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "silver", mixinStandardHelpOptions = true,
        description = {"Build the silver tables from the bronze of a date or a range of dates (a Spark job).",
            "Parses and checks every bronze line, drops duplicates, MERGEs new and changed rows into"
                    + " silver.asset_snapshots and silver.assets, quarantines bad lines in silver.rejected_records,"
                    + " then runs the quality checks. Reruns change nothing.",
            "Exit code 2: an error-level quality check failed (the rows are stored; see the FAIL lines)."})
final class SilverCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(names = {"--date", "--from"}, required = true, paramLabel = "YYYY-MM-DD", description = "First (or only) date.")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date, inclusive (default: the first date).")
    private String to;

    @Override
    public Integer call() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("silver", "--date", DateRangeOptions.parseDate("--date", from).toString()));
        if (to != null) {
            arguments.addAll(List.of("--to", DateRangeOptions.parseDate("--to", to).toString()));
        }
        return SparkJob.run(config.resolve(), arguments);
    }
}
