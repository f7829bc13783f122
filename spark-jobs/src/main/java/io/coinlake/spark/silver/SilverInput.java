package io.coinlake.spark.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * The bronze lines of a run split three ways: snapshot rows (one per grain key), duplicates
 * dropped, and rejected lines. Computed once, here, and kept in memory (spilling to disk) for the
 * counts, merges and checks: a lazily filled cache would not do, since the reconciliation counts
 * its four parts in concurrent stages, and each read and parsed bronze again while none had
 * filled the cache (decisions.md, 40).
 */
final class SilverInput implements AutoCloseable {
    /** Every bronze line, parsed and checked: one row per line, whether it is kept or not. */
    final Dataset<Row> records;
    final Dataset<Row> snapshots;
    final Dataset<Row> duplicates;
    final Dataset<Row> rejected;
    private final Dataset<Row> ranked;

    SilverInput(Dataset<Row> bronzeLines) {
        records = BronzeRecords.parse(bronzeLines).localCheckpoint(true);
        // The newest fetch of a key wins, so a later run with corrected values replaces the earlier one.
        Column[] grain = SnapshotColumns.GRAIN.stream().map(functions::col).toArray(Column[]::new);
        ranked = records.where("valid").selectExpr(SnapshotColumns.typedProjection())
                .withColumn("copy", row_number().over(Window.partitionBy(grain)
                        .orderBy(col("fetched_at").desc(), col("run_id").desc(), col("source_object").desc(), col("line_number").desc())))
                .localCheckpoint(true);
        snapshots = ranked.where("copy = 1").drop("copy");
        duplicates = ranked.where("copy > 1").drop("copy");
        rejected = records.where("NOT valid").selectExpr("bronze_date", "source_object", "line_number", "kafka_partition",
                "kafka_offset", "e.runId AS run_id", "e.assetId AS asset_id", "reject_reason AS reason", "raw_line");
    }

    @Override
    public void close() {
        records.unpersist();
        ranked.unpersist();
    }
}
