package io.coinlake.spark;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Names one run of a job, e.g. silver-20261128T201500Z-3fa9c1: sortable by start time, unique. */
public final class JobRunId {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobRunId() {
    }

    public static String next(String job, Instant startedAt) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return job + "-" + STAMP.format(startedAt) + "-" + HexFormat.of().formatHex(suffix);
    }
}
