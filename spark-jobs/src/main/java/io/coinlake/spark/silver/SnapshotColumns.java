package io.coinlake.spark.silver;

import io.coinlake.spark.LakeTables;
import java.util.List;

/** The columns of silver.asset_snapshots, and which of them are the grain and which the values. */
final class SnapshotColumns {
    /** One row per asset per snapshot time per day it stands for (see docs/data-model.md). */
    static final List<String> GRAIN = List.of("snapshot_date", "asset_id", "snapshot_ts");
    /** What a late correction may change; lineage columns do not count as a change. */
    static final List<String> VALUES = List.of("snapshot_kind", "rank", "price_usd", "supply", "max_supply",
            "market_cap_usd", "volume_usd_24h", "change_percent_24h", "vwap_24h", "data_source");

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
            "e.source AS data_source",
            "e.runId AS run_id",
            "fetched_at_parsed AS fetched_at",
            "source_object",
            "kafka_partition",
            "kafka_offset",
            "line_number",
            "symbol",
            "name",
            "explorer",
            "tokens",
        };
    }

    /** Target columns in table order, with ingested_at filled by the caller. */
    static final List<String> TABLE = List.of("asset_id", "snapshot_ts", "snapshot_date", "snapshot_kind", "rank",
            "price_usd", "supply", "max_supply", "market_cap_usd", "volume_usd_24h", "change_percent_24h", "vwap_24h",
            "data_source", "run_id", "fetched_at", "source_object", "kafka_partition", "kafka_offset", "ingested_at");
}
