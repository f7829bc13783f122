package io.coinlake.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parses the dates commands take, with a message that shows the expected form. */
final class DateRange {
    private DateRange() {
    }

    static LocalDate parse(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UserError(option + " '" + text + "' is not a date: use YYYY-MM-DD, e.g. 2026-11-01.");
        }
    }
}
