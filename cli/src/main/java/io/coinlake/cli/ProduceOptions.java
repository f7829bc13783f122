package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.dates.DateRange;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that fetch snapshots ('produce', 'run'): the settings, the dates and --limit. */
final class ProduceOptions {
    @Mixin
    private ConfigOptions config;

    @Mixin
    private DateRangeOptions dates;

    @Option(names = "--limit", paramLabel = "N", description = "Assets per snapshot (sets COINLAKE_ASSET_COUNT).")
    private Integer limit;

    DateRange range() {
        return dates.range();
    }

    /** The effective settings, --limit standing for COINLAKE_ASSET_COUNT. */
    CoinlakeConfig config() {
        return config.resolve(limit == null ? Map.of() : Map.of(Settings.COINLAKE_ASSET_COUNT.name(), limit.toString()));
    }
}
