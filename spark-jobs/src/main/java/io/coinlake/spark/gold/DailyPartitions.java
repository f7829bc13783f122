package io.coinlake.spark.gold;

import io.coinlake.spark.Commits;
import io.coinlake.spark.SqlText;
import io.coinlake.spark.table.LakeTable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;

/**
 * Replaces the day partitions of a gold table whose rows differ from a new computation, and only
 * those: a rerun that computes the same rows commits nothing.
 */
final class DailyPartitions {
    /** What a write did: which days were rewritten and how many rows they now hold. */
    record Outcome(String table, List<LocalDate> rewrittenDays, long rowsWritten, int daysComputed) {
        @Override
        public String toString() {
            return table + ": " + rewrittenDays.size() + " of " + daysComputed + " day(s) rewritten (" + rowsWritten
                    + " rows), " + (daysComputed - rewrittenDays.size()) + " unchanged";
        }
    }

    private DailyPartitions() {
    }

    private static void overwritePartitions(Dataset<Row> rows, LakeTable table) {
        try {
            rows.writeTo(table.name()).overwritePartitions();
        } catch (NoSuchTableException e) {
            throw new IllegalStateException(table + " disappeared while gold was writing it", e);
        }
    }

    /** @param rows the new rows of every day in {@code first..last}, materialised (their plan cut) */
    static Outcome replaceChanged(SparkSession spark, LakeTable table, Dataset<Row> rows, LocalDate first, LocalDate last,
                                  Consumer<String> progress) {
        String name = table.shortName();
        return Commits.retryingConflicts(name, () -> {
            String[] compared = Arrays.stream(rows.columns()).filter(c -> !c.equals("computed_at")).toArray(String[]::new);
            Dataset<Row> existing = spark.table(table.name())
                    .where("day BETWEEN " + SqlText.date(first) + " AND " + SqlText.date(last))
                    .selectExpr(compared);
            Dataset<Row> fresh = rows.selectExpr(compared);
            TreeSet<LocalDate> changed = new TreeSet<>();
            for (Row row : fresh.exceptAll(existing).union(existing.exceptAll(fresh)).select("day").distinct().collectAsList()) {
                changed.add(row.getLocalDate(0));
            }
            // Rows per computed day, in one query whatever the range's length.
            Map<LocalDate, Long> computed = new HashMap<>();
            for (Row row : rows.groupBy("day").count().collectAsList()) {
                computed.put(row.getLocalDate(0), row.getLong(1));
            }
            long written = changed.stream().mapToLong(day -> computed.getOrDefault(day, 0L)).sum();
            if (!changed.isEmpty()) {
                List<LocalDate> emptied = changed.stream().filter(day -> !computed.containsKey(day)).toList();
                if (!emptied.isEmpty()) {
                    spark.sql("DELETE FROM " + table + " WHERE day IN " + SqlText.dates(emptied));
                }
                if (written > 0) {
                    overwritePartitions(rows.where("day IN " + SqlText.dates(List.copyOf(changed))), table);
                }
            }
            Outcome outcome = new Outcome(name, List.copyOf(changed), written, computed.size());
            progress.accept(outcome.toString());
            return outcome;
        }, progress);
    }
}
