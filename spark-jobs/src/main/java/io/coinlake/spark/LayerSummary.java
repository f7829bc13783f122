package io.coinlake.spark;

import io.coinlake.spark.quality.QualityResult;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Rows per layer for a range of dates, and the quality results of the run: the end of `coinlake run`. */
final class LayerSummary {
    private LayerSummary() {
    }

    static void print(SparkSession spark, List<LocalDate> dates, List<QualityResult> checks, PrintStream out) {
        String range = " BETWEEN " + SqlText.date(dates.get(0)) + " AND " + SqlText.date(dates.get(dates.size() - 1));
        out.println();
        out.println("rows for " + dates.get(0) + (dates.size() == 1 ? "" : " to " + dates.get(dates.size() - 1)) + ":");
        row(out, LakeTables.ASSET_SNAPSHOTS, count(spark, LakeTables.ASSET_SNAPSHOTS, "snapshot_date" + range), "");
        row(out, LakeTables.REJECTED_RECORDS, count(spark, LakeTables.REJECTED_RECORDS, "bronze_date" + range), "");
        row(out, LakeTables.ASSETS, count(spark, LakeTables.ASSETS, "true"), " (all dates)");
        row(out, LakeTables.FCT_ASSET_DAILY, count(spark, LakeTables.FCT_ASSET_DAILY, "day" + range), "");
        row(out, LakeTables.MARKET_DAILY, count(spark, LakeTables.MARKET_DAILY, "day" + range), "");
        row(out, LakeTables.DIM_ASSET, count(spark, LakeTables.DIM_ASSET, "true"), " (all dates)");
        long failed = checks.stream().filter(QualityResult::failsJob).count();
        long warned = checks.stream().filter(c -> !c.passed() && !c.failsJob()).count();
        out.printf("quality: %d checks, %d ok, %d warnings, %d failures%s%n", checks.size(), checks.size() - failed - warned,
                warned, failed, failed + warned == 0 ? "" : " (see the lines above and audit.quality_checks)");
    }

    private static void row(PrintStream out, String table, long rows, String note) {
        out.printf("  %-26s %8d%s%n", LakeTables.shortName(table), rows, note);
    }

    private static long count(SparkSession spark, String table, String where) {
        return spark.sql("SELECT count(*) FROM " + table + " WHERE " + where).first().getLong(0);
    }
}
