package io.coinlake.spark;

import io.coinlake.spark.quality.QualityResult;
import io.coinlake.spark.table.LakeTable;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;

/** Rows of every table for a range of dates, and the quality results of the run: the end of `coinlake run`. */
final class LayerSummary {
    private LayerSummary() {
    }

    static void print(SparkSession spark, List<LocalDate> dates, List<QualityResult> checks, PrintStream out) {
        String range = " BETWEEN " + SqlText.date(dates.get(0)) + " AND " + SqlText.date(dates.get(dates.size() - 1));
        List<LakeTable> tables = LakeTables.ALL;
        // One query for every table: seven small queries cost a cold JVM a second more.
        String counts = IntStream.range(0, tables.size()).mapToObj(i -> {
            LakeTable table = tables.get(i);
            String where = table.partition() == null ? "true" : table.partition().column() + range;
            return "SELECT " + i + " AS i, count(*) AS n FROM " + table + " WHERE " + where;
        }).collect(Collectors.joining(" UNION ALL "));
        long[] rows = new long[tables.size()];
        spark.sql(counts).collectAsList().forEach(row -> rows[row.getInt(0)] = row.getLong(1));
        out.println();
        out.println("rows for " + dates.get(0) + (dates.size() == 1 ? "" : " to " + dates.get(dates.size() - 1)) + ":");
        for (int i = 0; i < tables.size(); i++) {
            out.printf("  %-26s %8d%s%n", tables.get(i).shortName(), rows[i], tables.get(i).partition() == null ? " (all dates)" : "");
        }
        long failed = checks.stream().filter(QualityResult::failsJob).count();
        long warned = checks.stream().filter(c -> !c.passed() && !c.failsJob()).count();
        out.printf("quality: %d checks, %d ok, %d warnings, %d failures%s%n", checks.size(), checks.size() - failed - warned,
                warned, failed, failed + warned == 0 ? "" : " (see the lines above and audit.quality_checks)");
    }
}
