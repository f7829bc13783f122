package io.coinlake.spark.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;

import io.coinlake.spark.Commits;
import io.coinlake.spark.SqlText;
import io.coinlake.spark.TableAppend;
import io.coinlake.spark.table.LakeTable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Replaces the days of a gold table whose rows differ from a new computation, and only those, in
 * one commit: days the table has are replaced by a MERGE (a changed day's rows are updated or
 * inserted, and its stored rows that the new computation no longer has are deleted), days it has
 * not are appended. A rerun that computes the same rows commits nothing.
 *
 * <p>A MERGE rather than a partition overwrite: a partition holds a month of days, and after a
 * partition evolution a dynamic overwrite leaves the files of the old spec in place, which would
 * duplicate rows (decisions.md, 40).
 */
final class ChangedDays {
    /** Marks the stored rows of a changed day that the new computation lacks. */
    private static final String GONE = "gone_from_computation";

    /** What a write did: which days were rewritten and how many rows they now hold. */
    record Outcome(String table, List<LocalDate> rewrittenDays, long rowsWritten, int daysComputed) {
        @Override
        public String toString() {
            return table + ": " + rewrittenDays.size() + " of " + daysComputed + " day(s) rewritten (" + rowsWritten
                    + " rows), " + (daysComputed - rewrittenDays.size()) + " unchanged";
        }
    }

    private ChangedDays() {
    }

    /**
     * @param rows       the new rows of every day in {@code first..last}, materialised (their plan cut)
     * @param viewSuffix makes the MERGE source's view name unique among jobs sharing a session
     */
    static Outcome replaceChanged(SparkSession spark, LakeTable table, Dataset<Row> rows, LocalDate first, LocalDate last,
                                  String viewSuffix, Consumer<String> progress) {
        String name = table.shortName();
        String range = "day BETWEEN " + SqlText.date(first) + " AND " + SqlText.date(last);
        return Commits.retryingConflicts(name, () -> {
            Dataset<Row> stored = spark.table(table.name()).where(range);
            TreeSet<LocalDate> changed = new TreeSet<>();
            boolean replacesStoredRows = false;
            for (Row row : changedDays(table, rows, stored).collectAsList()) {
                changed.add(row.getLocalDate(0));
                replacesStoredRows |= row.getBoolean(1);
            }
            // Rows per computed day, in one query whatever the range's length.
            Map<LocalDate, Long> computed = new HashMap<>();
            for (Row row : rows.groupBy("day").count().collectAsList()) {
                computed.put(row.getLocalDate(0), row.getLong(1));
            }
            long written = changed.stream().mapToLong(day -> computed.getOrDefault(day, 0L)).sum();
            if (replacesStoredRows) {
                merge(spark, table, rows, stored, List.copyOf(changed), range, viewSuffix);
            } else if (!changed.isEmpty()) {
                // Only days the table does not have yet (a new day, a first load): an append, without
                // the MERGE's join. A run that published them meanwhile makes this run's publish fail
                // and the run start again from main (AuditBranch), so nothing is appended twice.
                TableAppend.rows(rows.where(col("day").isin(changed.toArray())).select(columns(table)), table);
            }
            Outcome outcome = new Outcome(name, List.copyOf(changed), written, computed.size());
            progress.accept(outcome.toString());
            return outcome;
        }, progress);
    }

    /**
     * The days with a row that is new, gone or different, computed_at aside, each with whether the
     * table holds rows of it: one join on the grain (the table's checks keep it unique), where
     * comparing whole rows both ways cost two aggregations over every column (21 s for a year of
     * 2000 assets).
     */
    private static Dataset<Row> changedDays(LakeTable table, Dataset<Row> rows, Dataset<Row> stored) {
        Column on = table.grain().stream().map(c -> rows.col(c).equalTo(stored.col(c))).reduce(Column::and).orElseThrow();
        Column same = Arrays.stream(rows.columns()).filter(c -> !c.equals("computed_at"))
                .map(c -> rows.col(c).eqNullSafe(stored.col(c))).reduce(Column::and).orElseThrow();
        Column isStored = stored.col("day").isNotNull();
        Column matched = rows.col("day").isNotNull().and(isStored);
        return rows.join(stored, on, "full_outer")
                .groupBy(coalesce(rows.col("day"), stored.col("day")).as("day"))
                .agg(max(not(matched.and(same))).as("changed"), max(isStored).as("stored"))
                .where("changed").select("day", "stored");
    }

    private static Column[] columns(LakeTable table) {
        return table.columnNames().stream().map(c -> col(c)).toArray(Column[]::new);
    }

    private static void merge(SparkSession spark, LakeTable table, Dataset<Row> rows, Dataset<Row> stored,
                              List<LocalDate> changed, String range, String viewSuffix) {
        Column[] columns = columns(table);
        Column inChanged = col("day").isin(changed.toArray());
        Dataset<Row> replacing = rows.where(inChanged).select(columns).withColumn(GONE, lit(false));
        Dataset<Row> gone = stored.where(inChanged).join(rows, table.grain().toArray(String[]::new), "left_anti")
                .select(columns).withColumn(GONE, lit(true));
        // Materialised with its plan cut: a MERGE source that reads its target fails to plan (ChangedRows).
        Dataset<Row> source = replacing.unionByName(gone).localCheckpoint(true);
        String view = table.shortName().replace('.', '_') + "_changed_days_" + viewSuffix;
        source.createOrReplaceTempView(view);
        try {
            String on = table.grain().stream().map(c -> "t." + c + " = s." + c).collect(Collectors.joining(" AND "));
            String set = table.columnNames().stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "));
            String insertColumns = String.join(", ", table.columnNames());
            String values = table.columnNames().stream().map(c -> "s." + c).collect(Collectors.joining(", "));
            spark.sql("MERGE INTO " + table + " t USING " + view + " s ON t." + range + " AND " + on
                    + " WHEN MATCHED AND s." + GONE + " THEN DELETE"
                    + " WHEN MATCHED THEN UPDATE SET " + set
                    + " WHEN NOT MATCHED AND NOT s." + GONE + " THEN INSERT (" + insertColumns + ") VALUES (" + values + ")");
        } finally {
            spark.catalog().dropTempView(view);
            source.unpersist();
        }
    }
}
