package io.coinlake.dates;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An inclusive range of calendar dates, as every command and job takes it ({@code --date} or
 * {@code --from}, then {@code --to}): parsed and checked here once, for the CLI and the Spark jobs.
 */
public record DateRange(LocalDate first, LocalDate last) {
    public DateRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new InvalidDates("--to " + last + " is before " + first + ", the first date.");
        }
    }

    /**
     * @param from the first date's text
     * @param to   the last date's text, or null for a range of one date
     */
    public static DateRange parse(String from, String to) {
        LocalDate first = parseDate("--date", from);
        return new DateRange(first, to == null ? first : parseDate("--to", to));
    }

    /** One date option's value; the error names the option and the expected form. */
    public static LocalDate parseDate(String option, String text) {
        try {
            return LocalDate.parse(Objects.requireNonNull(text, option));
        } catch (DateTimeParseException e) {
            throw new InvalidDates(option + " '" + text + "' is not a date: use YYYY-MM-DD, e.g. 2026-11-01.");
        }
    }

    public int days() {
        return (int) (last.toEpochDay() - first.toEpochDay() + 1);
    }

    public List<LocalDate> dates() {
        List<LocalDate> dates = new ArrayList<>(days());
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            dates.add(date);
        }
        return dates;
    }

    /** Dates a user gave that do not make a range; the message says what to give instead. */
    public static final class InvalidDates extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidDates(String message) {
            super(message);
        }
    }
}
