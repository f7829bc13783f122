package io.coinlake.config;

/** Checks a parsed value; throws {@link IllegalArgumentException} with a short reason when it is invalid. */
@FunctionalInterface
public interface Validator<T> {
    void check(T value);

    static <T> Validator<T> any() {
        return value -> { };
    }

    /** Human-readable description of what is accepted, for docs; empty when anything goes. */
    default String describe() {
        return "";
    }
}
