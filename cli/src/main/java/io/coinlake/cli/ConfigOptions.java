package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigException;
import io.coinlake.config.ConfigResolver;
import io.coinlake.operations.UserError;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: settings given on the command line, the highest precedence. */
public final class ConfigOptions {
    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Set a setting for this command, e.g. --set COINLAKE_ASSET_COUNT=50 (repeatable;"
                    + " beats environment variables and the config file). List them with './coinlake config --docs'.")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--config-file", paramLabel = "FILE",
            description = "Settings file of NAME=value lines (default: ./.env when present).")
    private String configFile;

    /** Resolves the configuration with command-specific flags (already named by setting) on top. */
    public CoinlakeConfig resolve(Map<String, String> commandFlags) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        flags.putAll(commandFlags);
        if (configFile != null) {
            flags.put(ConfigResolver.CONFIG_FILE_VARIABLE, configFile);
        }
        try {
            return ConfigResolver.resolve(flags, System.getenv());
        } catch (ConfigException e) {
            throw new UserError(e.getMessage());
        }
    }

    public CoinlakeConfig resolve() {
        return resolve(Map.of());
    }
}
