package io.coinlake.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SQL kept as a resource, with {@code ${name}} placeholders filled from trusted values (dates, view names). */
public final class SqlTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private SqlTemplate() {
    }

    public static String load(String resource) {
        try (InputStream in = SqlTemplate.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read SQL resource " + resource, e);
        }
    }

    public static boolean exists(String resource) {
        return SqlTemplate.class.getResource("/" + resource) != null;
    }

    /** The text with every placeholder replaced; a placeholder without a value is an error, not an empty string. */
    public static String render(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for ${" + matcher.group(1) + "} (values: " + values.keySet() + ")");
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(rendered).toString();
    }
}
