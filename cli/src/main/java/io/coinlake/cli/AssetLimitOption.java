package io.coinlake.cli;

import io.coinlake.config.Settings;
import java.util.Map;
import picocli.CommandLine.Option;

/** --limit of the commands that fetch snapshots: a shorthand for COINLAKE_ASSET_COUNT. */
final class AssetLimitOption {
    @Option(names = "--limit", paramLabel = "N", description = "Assets per snapshot (sets COINLAKE_ASSET_COUNT).")
    private Integer limit;

    /** The command-line settings this option stands for. */
    Map<String, String> settings() {
        return limit == null ? Map.of() : Map.of(Settings.COINLAKE_ASSET_COUNT.name(), limit.toString());
    }
}
