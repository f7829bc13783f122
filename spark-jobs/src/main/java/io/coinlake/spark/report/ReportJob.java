package io.coinlake.spark.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Launcher;
import io.coinlake.dates.DateRange;
import io.coinlake.spark.JobFailure;
import io.coinlake.spark.LakeTables;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** Builds the HTML report of a range of days from gold and the audit log (all of gold's days when none is given). */
public final class ReportJob {
    private final SparkSession spark;
    private final CoinlakeConfig config;
    private final PrintStream out;

    public ReportJob(SparkSession spark, CoinlakeConfig config, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.out = out;
    }

    /**
     * @param from first day, or null for gold's first
     * @param to   last day, or null for gold's last
     */
    public void write(LocalDate from, LocalDate to, int topN, Path file) {
        if (topN < 1) {
            throw new JobFailure("--top " + topN + " shows no asset: give 1 or more.");
        }
        LakeTables.ensure(spark, config, out::println);
        PinnedTables tables = PinnedTables.current(spark);
        ReportData reader = new ReportData(spark, tables, out);
        DateRange range = reader.range(from, to);
        if (range == null) {
            throw new JobFailure("gold.market_daily has no day" + (from == null && to == null ? "" : " between "
                    + (from == null ? "its first" : from) + " and " + (to == null ? "its last" : to))
                    + ": run '" + Launcher.COMMAND + " run --from D1 --to D2' for those dates, or leave --from and --to out for every day.");
        }
        out.println("[report] " + range.first() + " to " + range.last() + " (" + range.days() + " days)");
        ObjectNode data = reader.read(range, topN, Instant.now());
        String html = ReportPage.render("coinlake: the crypto market, " + range.first() + " to " + range.last(), data);
        ReportPage.write(file, html);
        out.printf("[report] wrote %s (%,d KB)%n", file.toAbsolutePath(), html.getBytes(StandardCharsets.UTF_8).length / 1024);
    }
}
