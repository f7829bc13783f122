package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.dates.DateRange;
import io.coinlake.operations.SparkJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write an HTML report of the market from the gold tables and the quality log (a Spark job).",
            "One file that opens offline in any browser: the market's total cap, volume and bitcoin's dominance; the top"
                    + " assets' prices; 7- and 30-day averages; daily ranks; gainers and losers; a sortable table of the"
                    + " assets; the data's quality and freshness; the Iceberg snapshots it was read from."})
final class ReportCommand implements Callable<Integer> {
    /** The report's file in the data home when --out is not given. */
    static final String DEFAULT_FILE = "report.html";

    @Mixin
    private ConfigOptions config;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day (default: gold's first).")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day (default: gold's last).")
    private String to;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "Assets in the price charts (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: <data home>/" + DEFAULT_FILE + ").")
    private Path out;

    @Override
    public Integer call() throws Exception {
        CoinlakeConfig effective = config.resolve();
        Path file = (out == null ? effective.home().resolve(DEFAULT_FILE) : out).toAbsolutePath().normalize();
        List<String> arguments = new ArrayList<>(List.of("report", "--out", file.toString(), "--top", Integer.toString(top)));
        if (from != null) {
            arguments.addAll(List.of("--from", DateRange.parseDate("--from", from).toString()));
        }
        if (to != null) {
            arguments.addAll(List.of("--to", DateRange.parseDate("--to", to).toString()));
        }
        // A report reads gold's small daily aggregates: it runs as a short job does.
        int exit = SparkJob.run(effective, arguments, SparkJob.SHORT_JOB_DAYS);
        if (exit == 0) {
            System.out.println("open it in a browser: " + file.toUri());
        }
        return exit;
    }
}
