package io.coinlake.cli;

import io.coinlake.dates.DateRange;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The dates a command works on: --date (or --from) and --to, checked by core's {@link DateRange}. */
final class DateRangeOptions {
    @Option(names = {"--date", "--from"}, required = true, paramLabel = "YYYY-MM-DD", description = "First (or only) date.")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date, inclusive (default: the first date).")
    private String to;

    DateRange range() {
        return DateRange.parse(from, to);
    }

    /** A Spark job's arguments for these dates: the job parses them with the same {@link DateRange}. */
    List<String> arguments(String job) {
        DateRange range = range();
        List<String> arguments = new ArrayList<>(List.of(job, "--date", range.first().toString()));
        if (to != null) {
            arguments.addAll(List.of("--to", range.last().toString()));
        }
        return arguments;
    }
}
