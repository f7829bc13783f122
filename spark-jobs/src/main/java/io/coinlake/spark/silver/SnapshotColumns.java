package io.coinlake.spark.silver;

import io.coinlake.spark.LakeTables;
import java.util.List;

/** The columns of silver.asset_snapshots, and which of them are the grain and which the values. */
final class SnapshotColumns {
    static final List<String> GRAIN = LakeTables.ASSET_SNAPSHOTS.grain();
    /** Where and when a row was read: a newer copy of the same values is not a change. */
    private static final List<String> LINEAGE = List.of("run_id", "fetched_at", "source_object", "kafka_partition",
            "kafka_offset", "ingested_at");
    /** What a late correction may change: every column but the grain and the lineage. */
    static final List<String> VALUES = LakeTables.ASSET_SNAPSHOTS.columnNames().stream()
            .filter(column -> !GRAIN.contains(column) && !LINEAGE.contains(column)).toList();

    private SnapshotColumns() {
    }

    /** The typed projection of a valid parsed record, plus the asset attributes silver.assets takes. */
    static String[] typedProjection() {
        String amount = " AS " + LakeTables.AMOUNT + ")";
        return new String[] {
            "e.assetId AS asset_id",
            "snapshot_ts_parsed AS snapshot_ts",
            "logical_date AS snapshot_date",
            "e.snapshotKind AS snapshot_kind",
            "try_cast(e.asset.rank AS INT) AS rank",
            "try_cast(e.asset.priceUsd" + amount + " AS price_usd",
            "try_cast(supply_text" + amount + " AS supply",
            "try_cast(max_supply_text" + amount + " AS max_supply",
            "try_cast(e.asset.marketCapUsd" + amount + " AS market_cap_usd",
            "try_cast(e.asset.volumeUsd24Hr" + amount + " AS volume_usd_24h",
            "try_cast(e.asset.changePercent24Hr" + amount + " AS change_percent_24h",
            "try_cast(e.asset.vwap24Hr" + amount + " AS vwap_24h",
            "try_cast(e.asset.dilutedMarketCapUsd" + amount + " AS diluted_market_cap_usd",
            "e.source AS data_source",
            "e.runId AS run_id",
            "fetched_at_parsed AS fetched_at",
            "source_object",
            "kafka_partition",
            "kafka_offset",
            "line_number",
            "symbol",
            "name",
            "explorer AS explorer_url",
            "tokens",
        };
    }

}
