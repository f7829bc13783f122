package io.coinlake.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting, defined once: its name (also its environment variable and its key in a .env file),
 * its type, default, documentation and validator. Whether a value came from a flag, the
 * environment, a file or the default is decided in one place, {@link ConfigResolver}.
 */
public final class Setting<T> {
    private final String name;
    private final Class<T> type;
    private final String defaultText;
    private final String doc;
    private final Function<String, T> parser;
    private final Validator<T> validator;
    private final boolean secret;

    private Setting(String name, Class<T> type, String defaultText, String doc,
                    Function<String, T> parser, Validator<T> validator, boolean secret) {
        this.name = name;
        this.type = type;
        this.defaultText = defaultText;
        this.doc = doc;
        this.parser = parser;
        this.validator = validator;
        this.secret = secret;
    }

    public static Setting<String> string(String name, String defaultValue, String doc, Validator<String> validator) {
        return new Setting<>(name, String.class, defaultValue, doc, String::trim, validator, false);
    }

    /** A setting of any type whose parser throws {@link IllegalArgumentException} on bad input. */
    public static <T> Setting<T> of(String name, Class<T> type, String defaultValue, String doc, Function<String, T> parser) {
        return new Setting<>(name, type, defaultValue, doc, parser, Validator.any(), false);
    }

    public static Setting<Secret> secret(String name, String doc) {
        return secret(name, "", doc);
    }

    public static Setting<Secret> secret(String name, String defaultValue, String doc) {
        return new Setting<>(name, Secret.class, defaultValue, doc, text -> Secret.of(text.trim()), Validator.any(), true);
    }

    public static Setting<Integer> integer(String name, int defaultValue, String doc, Validator<Integer> validator) {
        return new Setting<>(name, Integer.class, Integer.toString(defaultValue), doc, text -> {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a whole number");
            }
        }, validator, false);
    }

    public static Setting<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new Setting<>(name, Boolean.class, Boolean.toString(defaultValue), doc + " true or false.", text -> {
            String value = text.trim().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException("must be true or false");
            }
            return Boolean.valueOf(value);
        }, Validator.any(), false);
    }

    public static Setting<Path> path(String name, String defaultValue, String doc) {
        return new Setting<>(name, Path.class, defaultValue, doc, text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return Path.of(text.trim());
        }, Validator.any(), false);
    }

    public static <E extends Enum<E>> Setting<E> choice(String name, E defaultValue, String doc) {
        Class<E> type = defaultValue.getDeclaringClass();
        String allowed = Arrays.stream(type.getEnumConstants()).map(Setting::enumText).collect(Collectors.joining(", "));
        return new Setting<>(name, type, enumText(defaultValue), doc + " One of: " + allowed + ".", text -> {
            for (E constant : type.getEnumConstants()) {
                if (enumText(constant).equalsIgnoreCase(text.trim())) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("must be one of: " + allowed);
        }, Validator.any(), false);
    }

    private static String enumText(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses and validates; the message names the setting, the value (unless secret) and the rule. */
    public T parse(String text, String origin) {
        try {
            T value = parser.apply(text);
            validator.check(value);
            return value;
        } catch (IllegalArgumentException e) {
            String shown = secret ? Secret.REDACTED : "'" + text + "'";
            throw new ConfigException(name + "=" + shown + " (from " + origin + ") " + e.getMessage() + ".");
        }
    }

    public T defaultValue() {
        return parse(defaultText, "default");
    }

    /** How a value is printed by {@code coinlake config}: secrets redacted, enums as typed. */
    public String display(Object value) {
        if (value instanceof Enum<?> e) {
            return enumText(e);
        }
        return String.valueOf(value);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public String defaultText() {
        return defaultText;
    }

    public String doc() {
        String rule = validator.describe();
        return rule.isEmpty() ? doc : doc + " (" + rule + ")";
    }

    public boolean isSecret() {
        return secret;
    }

    @Override
    public String toString() {
        return name;
    }
}
