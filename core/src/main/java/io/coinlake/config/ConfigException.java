package io.coinlake.config;

/** A setting that is unknown, unparsable or invalid; the message says which and how to fix it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
