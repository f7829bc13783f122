package io.coinlake.spark;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** Literals for SQL built from trusted values (dates and instants the job made itself). */
public final class SqlText {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private SqlText() {
    }

    public static String date(LocalDate date) {
        return "DATE'" + date + "'";
    }

    /** {@code (DATE'…', DATE'…')} for an IN list. */
    public static String dates(List<LocalDate> dates) {
        return dates.stream().map(SqlText::date).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A UTC timestamp literal (the session time zone is UTC), to the microsecond Spark keeps. */
    public static String timestamp(Instant instant) {
        return "TIMESTAMP'" + TIMESTAMP.format(instant) + "'";
    }
}
