package io.coinlake.cli;

import io.coinlake.config.Settings;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The dates and asset count that 'produce' and 'run' take. */
final class DateRangeOptions {
    @Option(names = {"--date", "--from"}, required = true, paramLabel = "YYYY-MM-DD", description = "First (or only) date.")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date, inclusive (default: the first date).")
    private String to;

    @Option(names = "--limit", paramLabel = "N", description = "Assets per snapshot (sets COINLAKE_ASSET_COUNT).")
    private Integer limit;

    LocalDate first() {
        return parseDate("--date", from);
    }

    LocalDate last() {
        return to == null ? first() : parseDate("--to", to);
    }

    /** The command-line settings these options stand for. */
    Map<String, String> settings() {
        Map<String, String> flags = new HashMap<>();
        if (limit != null) {
            flags.put(Settings.COINLAKE_ASSET_COUNT.name(), limit.toString());
        }
        return flags;
    }

    static LocalDate parseDate(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UserError(option + " '" + text + "' is not a date: use YYYY-MM-DD, e.g. 2026-11-01.");
        }
    }
}
