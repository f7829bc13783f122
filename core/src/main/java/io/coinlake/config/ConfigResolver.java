package io.coinlake.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that decides precedence: command-line flag, then environment variable, then the
 * configuration file, then the default. Every module gets its settings through here.
 */
public final class ConfigResolver {
    /** Names the configuration file; itself read from flags or the environment only. */
    public static final String CONFIG_FILE_VARIABLE = "COINLAKE_CONFIG_FILE";
    public static final Path DEFAULT_CONFIG_FILE = Path.of(".env");

    private ConfigResolver() {
    }

    /**
     * Resolves with the standard layers. The file is {@code COINLAKE_CONFIG_FILE} (flag, then
     * environment) when given, which must then exist, else {@code ./.env} when present.
     */
    public static CoinlakeConfig resolve(Map<String, String> flags, Map<String, String> environment) {
        Map<String, String> flagSettings = new LinkedHashMap<>(flags);
        String fileName = flagSettings.remove(CONFIG_FILE_VARIABLE);
        if (fileName == null) {
            fileName = environment.get(CONFIG_FILE_VARIABLE);
        }
        List<ConfigLayer> layers = new ArrayList<>();
        layers.add(ConfigLayer.flags(flagSettings));
        layers.add(ConfigLayer.environment(environment));
        if (fileName != null && !fileName.isBlank()) {
            Path file = Path.of(fileName);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(CONFIG_FILE_VARIABLE + " names " + file.toAbsolutePath()
                        + ", which does not exist. Create it or unset " + CONFIG_FILE_VARIABLE + ".");
            }
            layers.add(ConfigLayer.file(file.toString(), DotEnvFile.read(file)));
        } else if (Files.isRegularFile(DEFAULT_CONFIG_FILE)) {
            layers.add(ConfigLayer.file(DEFAULT_CONFIG_FILE.toString(), DotEnvFile.read(DEFAULT_CONFIG_FILE)));
        }
        return resolve(layers);
    }

    /** Resolves from layers given highest precedence first. */
    public static CoinlakeConfig resolve(List<ConfigLayer> layers) {
        for (ConfigLayer layer : layers) {
            rejectUnknownNames(layer);
        }
        Map<Setting<?>, CoinlakeConfig.Value> values = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            values.put(setting, valueOf(setting, layers));
        }
        return new CoinlakeConfig(values);
    }

    private static CoinlakeConfig.Value valueOf(Setting<?> setting, List<ConfigLayer> layers) {
        for (ConfigLayer layer : layers) {
            String text = layer.values().get(setting.name());
            if (text != null) {
                return new CoinlakeConfig.Value(setting.parse(text, layer.origin()), layer.origin());
            }
        }
        return new CoinlakeConfig.Value(setting.defaultValue(), "default");
    }

    private static void rejectUnknownNames(ConfigLayer layer) {
        for (String name : layer.values().keySet()) {
            boolean checked = switch (layer.strictness()) {
                case ALL_NAMES -> true;
                case OUR_NAMES -> Settings.looksLikeOurs(name);
                case NONE -> false;
            };
            if (checked && !Settings.BY_NAME.containsKey(name) && !name.equals(CONFIG_FILE_VARIABLE)) {
                throw new ConfigException("Unknown setting " + name + " (from " + layer.origin() + ")."
                        + closest(name).map(s -> " Did you mean " + s + "?").orElse("")
                        + " Run '" + Launcher.COMMAND + " config --docs' to list them.");
            }
        }
    }

    private static Optional<String> closest(String name) {
        return Settings.ALL.stream().map(Setting::name)
                .min(Comparator.comparingInt(candidate -> distance(candidate, name)))
                .filter(candidate -> distance(candidate, name) <= 3);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
