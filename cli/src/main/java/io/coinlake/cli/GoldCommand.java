package io.coinlake.cli;

import io.coinlake.operations.SparkJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "gold", mixinStandardHelpOptions = true,
        description = {"Rebuild the gold tables for a day or a range of days from silver (a Spark job).",
            "gold.fct_asset_daily (asset x day), gold.market_daily (day) and gold.dim_asset (asset)."
                    + " Incremental: reads the days plus the 30-day lookback of its windows and rewrites only days"
                    + " whose rows changed. After correcting an old day, rerun gold from that day on.",
            "Exit code 2: an error-level quality check failed, so nothing was published (see the FAIL lines)."})
final class GoldCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Mixin
    private DateRangeOptions dates;

    @Override
    public Integer call() throws Exception {
        return SparkJob.run(config.resolve(), dates.arguments("gold"), dates.range().days());
    }
}
