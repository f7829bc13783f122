package io.coinlake.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The date range of a Spark job command, checked here and passed on as the job's arguments. */
final class JobDateOptions {
    @Option(names = {"--date", "--from"}, required = true, paramLabel = "YYYY-MM-DD", description = "First (or only) date.")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date, inclusive (default: the first date).")
    private String to;

    /** How many dates the range has. */
    int days() {
        LocalDate first = DateRangeOptions.parseDate("--date", from);
        return to == null ? 1 : (int) (DateRangeOptions.parseDate("--to", to).toEpochDay() - first.toEpochDay() + 1);
    }

    List<String> arguments(String job) {
        List<String> arguments = new ArrayList<>(List.of(job, "--date", DateRangeOptions.parseDate("--date", from).toString()));
        if (to != null) {
            arguments.addAll(List.of("--to", DateRangeOptions.parseDate("--to", to).toString()));
        }
        return arguments;
    }
}
