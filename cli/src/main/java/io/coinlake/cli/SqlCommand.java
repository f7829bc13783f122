package io.coinlake.cli;

import io.coinlake.operations.SparkJob;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run Spark SQL against the lake's Iceberg catalog and print the result as a table.",
            "Tables: \"show tables in silver\" (and gold, audit), \"describe gold.dim_asset\", or docs/data-model.md;"
                    + " Iceberg metadata too, e.g. silver.asset_snapshots.history or .refs (audit branches)."})
final class SqlCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Parameters(paramLabel = "QUERY", description = "e.g. \"select * from silver.asset_snapshots limit 5\"")
    private String query;

    @Option(names = "--max-rows", defaultValue = "100", paramLabel = "N", description = "Most rows printed (default: ${DEFAULT-VALUE}).")
    private int maxRows;

    @Override
    public Integer call() throws Exception {
        return SparkJob.run(config.resolve(), List.of("sql", "--max-rows", Integer.toString(maxRows), query));
    }
}
