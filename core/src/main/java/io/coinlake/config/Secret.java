package io.coinlake.config;

import java.util.Objects;

/**
 * A value that must never reach a log, an exception message or printed configuration.
 * {@link #toString()} is redacted, so string concatenation and loggers are safe by default;
 * only {@link #reveal()} hands out the value, and only the code that sends it should call it.
 */
public final class Secret {
    public static final String REDACTED = "********";
    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? EMPTY : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return isEmpty() ? "" : REDACTED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
