package io.coinlake.config;

import java.util.Map;

/**
 * One source of setting values. {@code strictNames}: an unknown name is an error (CLI flags);
 * otherwise only unknown names of our own families are (a .env file shared with docker-compose
 * holds other variables too), and the environment is never strict.
 */
public record ConfigLayer(String origin, Map<String, String> values, Strictness strictness) {
    public enum Strictness { ALL_NAMES, OUR_NAMES, NONE }

    public ConfigLayer {
        values = Map.copyOf(values);
    }

    public static ConfigLayer flags(Map<String, String> values) {
        return new ConfigLayer("command-line flag", values, Strictness.ALL_NAMES);
    }

    public static ConfigLayer environment(Map<String, String> values) {
        return new ConfigLayer("environment", values, Strictness.NONE);
    }

    public static ConfigLayer file(String path, Map<String, String> values) {
        return new ConfigLayer("file " + path, values, Strictness.OUR_NAMES);
    }
}
