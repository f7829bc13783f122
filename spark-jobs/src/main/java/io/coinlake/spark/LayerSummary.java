package io.coinlake.spark;

import io.coinlake.spark.quality.QualityResult;
import io.coinlake.spark.table.LakeTable;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Rows of every table for a range of dates, and the quality results of the run: the end of `coinlake run`. */
final class LayerSummary {
    private LayerSummary() {
    }

    static void print(SparkSession spark, List<LocalDate> dates, List<QualityResult> checks, PrintStream out) {
        String range = " BETWEEN " + SqlText.date(dates.get(0)) + " AND " + SqlText.date(dates.get(dates.size() - 1));
        out.println();
        out.println("rows for " + dates.get(0) + (dates.size() == 1 ? "" : " to " + dates.get(dates.size() - 1)) + ":");
        for (LakeTable table : LakeTables.ALL) {
            boolean dated = table.partition() != null;
            row(out, table.shortName(), count(spark, table, dated ? table.partition().column() + range : "true"), dated ? "" : " (all dates)");
        }
        long failed = checks.stream().filter(QualityResult::failsJob).count();
        long warned = checks.stream().filter(c -> !c.passed() && !c.failsJob()).count();
        out.printf("quality: %d checks, %d ok, %d warnings, %d failures%s%n", checks.size(), checks.size() - failed - warned,
                warned, failed, failed + warned == 0 ? "" : " (see the lines above and audit.quality_checks)");
    }

    private static void row(PrintStream out, String table, long rows, String note) {
        out.printf("  %-26s %8d%s%n", table, rows, note);
    }

    private static long count(SparkSession spark, LakeTable table, String where) {
        return spark.sql("SELECT count(*) FROM " + table + " WHERE " + where).first().getLong(0);
    }
}
