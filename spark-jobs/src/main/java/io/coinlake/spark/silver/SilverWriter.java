package io.coinlake.spark.silver;

import io.coinlake.spark.ChangedRows;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.MergeOutcome;
import io.coinlake.spark.SqlText;
import io.coinlake.spark.table.LakeTable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one run's input into the three silver tables, each with a MERGE of only the rows that are
 * new or changed ({@link ChangedRows}), so a rerun leaves the tables as they were.
 */
final class SilverWriter {
    private final SparkSession spark;
    private final List<LocalDate> dates;
    private final Instant now;
    private final String viewSuffix;
    private final Consumer<String> progress;

    /** @param viewSuffix makes this run's temporary view names unique among jobs sharing a session */
    SilverWriter(SparkSession spark, List<LocalDate> dates, Instant now, String viewSuffix, Consumer<String> progress) {
        this.spark = spark;
        this.dates = dates;
        this.now = now;
        this.viewSuffix = viewSuffix;
        this.progress = progress;
    }

    /** @param offered the run's snapshot rows, counted already (the reconciliation counts them) */
    MergeOutcome mergeSnapshots(Dataset<Row> snapshots, long offered) {
        String source = view("snapshot_source", snapshots.selectExpr(LakeTables.ASSET_SNAPSHOTS.columnNames().stream()
                .map(column -> column.equals("ingested_at") ? SqlText.timestamp(now) + " AS ingested_at" : column)
                .toArray(String[]::new)));
        String sameKey = SnapshotColumns.GRAIN.stream().map(c -> "t." + c + " = s." + c).collect(Collectors.joining(" AND "));
        String sameValues = SnapshotColumns.VALUES.stream().map(c -> "s." + c + " <=> t." + c).collect(Collectors.joining(" AND "));
        String changedSql = "SELECT s.*, t.asset_id IS NULL AS is_new FROM " + source + " s"
                + " LEFT JOIN (SELECT * FROM " + LakeTables.ASSET_SNAPSHOTS + " WHERE snapshot_date IN " + SqlText.dates(dates) + ") t"
                + " ON " + sameKey
                // A correction is a newer fetch of the same key with other values; an older fetch never wins.
                + " WHERE t.asset_id IS NULL OR (s.fetched_at > t.fetched_at AND NOT (" + sameValues + "))";
        String merge = "MERGE INTO " + LakeTables.ASSET_SNAPSHOTS + " t USING %s s ON " + sameKey
                + " AND t.snapshot_date IN " + SqlText.dates(dates)
                + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *";
        return mergeChanged(LakeTables.ASSET_SNAPSHOTS, changedSql, merge, offered);
    }

    MergeOutcome mergeAssets(Dataset<Row> snapshots) {
        String source = view("asset_source", snapshots);
        // Type 1: one row per asset, attributes overwritten by those of its newest snapshot; the
        // first and last seen dates only ever widen, whatever order dates are processed in.
        String changedSql = "WITH latest AS (SELECT asset_id, min(snapshot_date) AS first_seen_date,"
                + " max(snapshot_date) AS last_seen_date,"
                + " max_by(named_struct('symbol', symbol, 'name', name, 'explorer_url', explorer_url, 'max_supply', max_supply,"
                + " 'tokens', tokens, 'as_of', snapshot_ts), named_struct('ts', snapshot_ts, 'fetched', fetched_at)) AS a"
                + " FROM " + source + " GROUP BY asset_id),"
                + " joined AS (SELECT l.*, t.asset_id IS NULL AS is_new,"
                + " (t.asset_id IS NULL OR l.a.as_of > t.attributes_as_of) AS newer,"
                + " t.symbol AS t_symbol, t.name AS t_name, t.explorer_url AS t_explorer, t.max_supply AS t_max_supply,"
                + " t.tokens AS t_tokens, t.attributes_as_of AS t_as_of,"
                + " t.first_seen_date AS t_first, t.last_seen_date AS t_last"
                + " FROM latest l LEFT JOIN " + LakeTables.ASSETS + " t ON t.asset_id = l.asset_id)"
                + " SELECT asset_id,"
                + " IF(newer, a.symbol, t_symbol) AS symbol, IF(newer, a.name, t_name) AS name,"
                + " IF(newer, a.explorer_url, t_explorer) AS explorer_url, IF(newer, a.max_supply, t_max_supply) AS max_supply,"
                + " IF(newer, a.tokens, t_tokens) AS tokens,"
                + " IF(is_new, first_seen_date, least(first_seen_date, t_first)) AS first_seen_date,"
                + " IF(is_new, last_seen_date, greatest(last_seen_date, t_last)) AS last_seen_date,"
                + " IF(newer, a.as_of, t_as_of) AS attributes_as_of,"
                + " " + SqlText.timestamp(now) + " AS updated_at, is_new"
                + " FROM joined WHERE newer OR first_seen_date < t_first OR last_seen_date > t_last";
        String merge = "MERGE INTO " + LakeTables.ASSETS + " t USING %s s ON t.asset_id = s.asset_id"
                + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *";
        long assets = snapshots.select("asset_id").distinct().count();
        return mergeChanged(LakeTables.ASSETS, changedSql, merge, assets);
    }

    MergeOutcome mergeRejected(Dataset<Row> rejected, long offered) {
        String source = view("rejected_source", rejected.selectExpr("*", SqlText.timestamp(now) + " AS rejected_at"));
        // Bronze objects never change, so (object, line) identifies a rejected line for good.
        String changedSql = "SELECT s.*, true AS is_new FROM " + source + " s LEFT ANTI JOIN"
                + " (SELECT source_object, line_number FROM " + LakeTables.REJECTED_RECORDS
                + " WHERE bronze_date IN " + SqlText.dates(dates) + ") t"
                + " ON t.source_object = s.source_object AND t.line_number = s.line_number";
        String merge = "MERGE INTO " + LakeTables.REJECTED_RECORDS + " t USING %s s ON t.bronze_date IN " + SqlText.dates(dates)
                + " AND t.source_object = s.source_object AND t.line_number = s.line_number"
                + " WHEN NOT MATCHED THEN INSERT *";
        return mergeChanged(LakeTables.REJECTED_RECORDS, changedSql, merge, offered);
    }

    private MergeOutcome mergeChanged(LakeTable table, String changedSql, String mergeTemplate, long sourceRows) {
        return ChangedRows.merge(spark, table, changedSql, mergeTemplate, sourceRows, viewSuffix, progress);
    }

    private String view(String name, Dataset<Row> rows) {
        String unique = name + "_" + viewSuffix;
        rows.createOrReplaceTempView(unique);
        return unique;
    }
}
