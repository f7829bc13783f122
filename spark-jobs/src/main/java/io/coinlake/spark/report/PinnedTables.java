package io.coinlake.spark.report;

import io.coinlake.config.Launcher;
import io.coinlake.spark.JobFailure;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.gold.GoldTables;
import io.coinlake.spark.table.LakeTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.spark.sql.SparkSession;

/**
 * The tables a report reads, each pinned to its current snapshot when the report starts, so every
 * query sees one state of the lake even while a run publishes, and the footer can name it.
 */
final class PinnedTables {
    static final List<LakeTable> READ = List.of(GoldTables.MARKET_DAILY, GoldTables.FCT_ASSET_DAILY, GoldTables.DIM_ASSET,
            LakeTables.ASSET_SNAPSHOTS, LakeTables.REJECTED_RECORDS, LakeTables.QUALITY_CHECKS);

    private final Map<LakeTable, Long> snapshots;

    private PinnedTables(Map<LakeTable, Long> snapshots) {
        this.snapshots = snapshots;
    }

    static PinnedTables current(SparkSession spark) {
        Catalog catalog = LakeTables.icebergCatalog(spark);
        Map<LakeTable, Long> snapshots = new LinkedHashMap<>();
        for (LakeTable table : READ) {
            Snapshot current = catalog.tableExists(table.identifier()) ? catalog.loadTable(table.identifier()).currentSnapshot() : null;
            if (current == null && GoldTables.DEFINITIONS.contains(table)) {
                throw new JobFailure(table.shortName() + " has no data yet: run '" + Launcher.COMMAND + " run --from D1 --to D2' first,"
                        + " then '" + Launcher.COMMAND + " report'.");
            }
            snapshots.put(table, current == null ? null : current.snapshotId());
        }
        return new PinnedTables(snapshots);
    }

    /** The table in SQL, at its pinned snapshot; a table nothing has written yet (no rejected line so far) reads as empty. */
    String sql(LakeTable table) {
        Long snapshot = snapshots.get(table);
        if (snapshot == null) {
            return "(SELECT * FROM " + table + " WHERE false)";
        }
        return table + " VERSION AS OF " + snapshot;
    }

    /** Each table's short name and snapshot id (null: no snapshot yet). */
    Map<String, Long> ids() {
        Map<String, Long> ids = new LinkedHashMap<>();
        snapshots.forEach((table, id) -> ids.put(table.shortName(), id));
        return ids;
    }
}
