package io.coinlake.spark;

import io.coinlake.spark.table.LakeTable;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * MERGEs exactly the rows that are new or changed: a MERGE that changes nothing would still rewrite
 * every file it touches, and with no changed row there is no commit at all.
 */
public final class ChangedRows {
    private ChangedRows() {
    }

    /**
     * @param changedSql    the new or changed rows in the table's columns, plus a boolean {@code is_new}
     * @param mergeTemplate the MERGE statement with {@code %s} for the view of the changed rows
     * @param sourceRows    rows the job offered, for the count of unchanged ones
     * @param viewSuffix    makes the view name unique among jobs sharing a session
     */
    public static MergeOutcome merge(SparkSession spark, LakeTable table, String changedSql, String mergeTemplate,
                                     long sourceRows, String viewSuffix, Consumer<String> progress) {
        String name = table.shortName();
        // Both steps again if another job commits to the table in between.
        return Commits.retryingConflicts(name, () -> {
            // Materialised with its plan cut: the counts and the MERGE see the same rows, and a
            // MERGE source whose plan still reads the target table fails to plan in Spark 4.1
            // with Iceberg 1.12 ("No plan for TableReference", apache/spark#56515).
            Dataset<Row> changed = spark.sql(changedSql).localCheckpoint(true);
            try {
                Row counts = changed.selectExpr("count_if(is_new)", "count(*)").first();
                long inserted = counts.getLong(0);
                long total = counts.getLong(1);
                if (total > 0 && inserted == total && table.audited()) {
                    // Only new rows: an append, without the MERGE's join. On an audit branch that is
                    // safe from a concurrent run writing the same rows: whichever publishes second
                    // finds main moved and runs again from it (AuditBranch), where the rows are not new.
                    TableAppend.rows(changed.drop("is_new"), table);
                } else if (total > 0) {
                    String view = name.replace('.', '_') + "_changed_" + viewSuffix;
                    changed.drop("is_new").createOrReplaceTempView(view);
                    spark.sql(String.format(mergeTemplate, view));
                }
                MergeOutcome outcome = new MergeOutcome(name, inserted, total - inserted, sourceRows - total);
                progress.accept(outcome.toString());
                return outcome;
            } finally {
                changed.unpersist();
            }
        }, progress);
    }
}
