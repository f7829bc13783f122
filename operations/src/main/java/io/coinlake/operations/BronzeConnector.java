package io.coinlake.operations;

import com.fasterxml.jackson.core.type.TypeReference;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Launcher;
import io.coinlake.config.Secret;
import io.coinlake.config.Setting;
import io.coinlake.config.Settings;
import io.coinlake.json.RawJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bronze sink's registration: the connector config file that docker-compose uses too, with
 * its {@code ${SETTING}} placeholders filled from the effective configuration.
 */
public final class BronzeConnector {
    public static final String NAME = "coinlake-bronze-sink";
    /** Connect names a sink's consumer group after the connector. */
    public static final String CONSUMER_GROUP = "connect-" + NAME;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private BronzeConnector() {
    }

    public static Map<String, String> config(Path file, CoinlakeConfig config) throws IOException {
        Map<String, String> template = RawJson.MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() { });
        Map<String, String> filled = new LinkedHashMap<>();
        template.forEach((key, value) -> filled.put(key, fill(value, config, file)));
        return filled;
    }

    private static String fill(String value, CoinlakeConfig config, Path file) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(valueOf(matcher.group(1), config, file)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String valueOf(String name, CoinlakeConfig config, Path file) {
        if (name.equals(Settings.S3_ENDPOINT.name())) {
            return config.s3Endpoint(); // empty means the embedded server, whose address is known here
        }
        Setting<?> setting = Settings.BY_NAME.get(name);
        if (setting == null) {
            throw new UserError(file + " uses ${" + name + "}, which is not a setting. See '" + Launcher.COMMAND + " config --docs'.");
        }
        Object value = config.get(setting);
        return value instanceof Secret secret ? secret.reveal() : setting.display(value);
    }

    /** Registers (or updates) the connector and waits until it and its tasks run. */
    public static void register(ConnectClient connect, Map<String, String> config, Duration timeout, Consumer<String> progress)
            throws IOException, InterruptedException {
        connect.putConfig(NAME, config);
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectClient.Status status = connect.status(NAME);
        while (status == null || !status.running()) {
            if (status != null && status.failed()) {
                throw new UserError("The bronze sink " + NAME + " failed: " + status
                        + ". Fix the cause, then run '" + Launcher.COMMAND + " up' again (the full trace is in the Connect log).");
            }
            if (System.nanoTime() > deadline) {
                throw new UserError("The bronze sink " + NAME + " is not running after " + timeout.toSeconds() + " s: "
                        + status + ". See the Connect log.");
            }
            Thread.sleep(500);
            status = connect.status(NAME);
        }
        progress.accept("bronze sink " + NAME + " running (" + status + ")");
    }
}
