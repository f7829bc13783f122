package io.coinlake.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The date range of a command that works on dates already produced (the Spark jobs, bronze wait),
 * checked here; the Spark job commands pass it on as the job's arguments.
 */
final class JobDateOptions {
    @Option(names = {"--date", "--from"}, required = true, paramLabel = "YYYY-MM-DD", description = "First (or only) date.")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date, inclusive (default: the first date).")
    private String to;

    LocalDate first() {
        return DateRangeOptions.parseDate("--date", from);
    }

    LocalDate last() {
        LocalDate last = to == null ? first() : DateRangeOptions.parseDate("--to", to);
        if (last.isBefore(first())) {
            throw new UserError("--to " + last + " is before --date " + first() + ".");
        }
        return last;
    }

    /** How many dates the range has. */
    int days() {
        return (int) (last().toEpochDay() - first().toEpochDay() + 1);
    }

    List<String> arguments(String job) {
        List<String> arguments = new ArrayList<>(List.of(job, "--date", first().toString()));
        if (to != null) {
            arguments.addAll(List.of("--to", last().toString()));
        }
        return arguments;
    }
}
