package io.coinlake.bronze;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one bronze object lives: {@code <prefix>/<topic>/dt=YYYY-MM-DD/<topic>+<partition>+<first offset>.jsonl[.gz]}.
 * The first offset is zero-padded so keys sort in offset order, and it makes the key a function
 * of the data: the same records always land under the same key.
 */
public record BronzeObjectKey(String prefix, String topic, LocalDate date, int partition, long firstOffset, boolean gzip) {
    /** The prefix bronze lives under in the lake bucket; {@code connect/bronze-sink.json} sets the sink's to the same. */
    public static final String PREFIX = "bronze";
    static final int OFFSET_DIGITS = 20;
    private static final Pattern FILE = Pattern.compile("(?:(.+)/)?([^/]+)/dt=(\\d{4}-\\d{2}-\\d{2})/\\2\\+(\\d+)\\+(\\d{"
            + OFFSET_DIGITS + "})\\.jsonl(\\.gz)?");

    public BronzeObjectKey {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(date, "date");
        if (partition < 0 || firstOffset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative");
        }
    }

    /** The directory of one date of one topic, for listing. */
    public static String datePrefix(String prefix, String topic, LocalDate date) {
        return (prefix.isEmpty() ? "" : prefix + "/") + topic + "/dt=" + date + "/";
    }

    public String key() {
        return datePrefix(prefix, topic, date) + topic + "+" + partition + "+"
                + String.format("%0" + OFFSET_DIGITS + "d", firstOffset) + ".jsonl" + (gzip ? ".gz" : "");
    }

    /** Reads a key back; empty for keys this sink did not write. */
    public static Optional<BronzeObjectKey> parse(String key) {
        Matcher m = FILE.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new BronzeObjectKey(m.group(1) == null ? "" : m.group(1), m.group(2),
                LocalDate.parse(m.group(3)), Integer.parseInt(m.group(4)), Long.parseLong(m.group(5)), m.group(6) != null));
    }

    @Override
    public String toString() {
        return key();
    }
}
