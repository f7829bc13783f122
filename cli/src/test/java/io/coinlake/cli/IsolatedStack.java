package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.embedded.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An embedded stack of one test's own: its data home, free ports, and the CLI pointed at them. */
final class IsolatedStack {
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final CoinlakeConfig config;

    IsolatedStack(Path home) throws IOException {
        this(home, Map.of());
    }

    /** With {@code services}, settings that point at servers of the test's own (e.g. containers). */
    IsolatedStack(Path home, Map<String, String> services) throws IOException {
        settings.put("COINLAKE_HOME", home.toString());
        settings.put("COINLAKE_KAFKA_PORT", Integer.toString(FreePorts.pair()));
        settings.put("COINLAKE_S3_PORT", Integer.toString(FreePorts.pair()));
        settings.put("COINLAKE_CONNECT_PORT", Integer.toString(FreePorts.pair()));
        settings.putAll(services);
        config = CoinlakeConfig.of(settings);
    }

    CoinlakeConfig config() {
        return config;
    }

    /** Runs the CLI in-process with this stack's settings. */
    CliRun cli(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        settings.forEach((name, value) -> all.addAll(List.of("--set", name + "=" + value)));
        return CliRun.of(all.toArray(String[]::new));
    }
}
