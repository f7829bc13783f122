package io.coinlake.spark.gold;

import static io.coinlake.spark.table.LakeColumn.optional;
import static io.coinlake.spark.table.LakeColumn.required;
import static io.coinlake.spark.table.LakeTypes.AMOUNT;
import static io.coinlake.spark.table.LakeTypes.DATE;
import static io.coinlake.spark.table.LakeTypes.DOUBLE;
import static io.coinlake.spark.table.LakeTypes.INT;
import static io.coinlake.spark.table.LakeTypes.STRING;
import static io.coinlake.spark.table.LakeTypes.TIMESTAMP;

import io.coinlake.spark.table.LakePartition;
import io.coinlake.spark.table.LakeTable;
import java.util.List;

/**
 * The gold tables, in the order a run builds them: each one's definition and how it is written.
 * Its SQL is the resource {@code io/coinlake/spark/gold/<table>.sql} and its checks
 * {@code <table>.checks.sql} ({@link GoldTable}). A new gold table is an entry here plus those
 * two files; its SQL can read the tables built before it as {@code ${<table>}}.
 */
public final class GoldTables {
    public static final LakeTable FCT_ASSET_DAILY = new LakeTable("lake.gold.fct_asset_daily",
            List.of("day", "asset_id"), LakePartition.byMonth("day"), true, List.of(
            required("day", DATE, "the UTC day"),
            required("asset_id", STRING, "the asset (gold.dim_asset)"),
            required("open_price_usd", AMOUNT, "price of the day's first snapshot"),
            required("high_price_usd", AMOUNT, "highest price of the day's snapshots"),
            required("low_price_usd", AMOUNT, "lowest price of the day's snapshots"),
            required("close_price_usd", AMOUNT, "price of the day's last snapshot"),
            required("avg_price_usd", AMOUNT, "mean of the day's snapshot prices"),
            required("snapshot_count", INT, "snapshots of the day"),
            optional("volume_usd_24h", AMOUNT, "of the last snapshot"),
            optional("market_cap_usd", AMOUNT, "of the last snapshot"),
            optional("market_cap_rank", INT, "rank by market_cap_usd among the day's assets; ties share a rank (1, 2, 2, 4)"),
            optional("rank_change", INT, "yesterday's rank minus today's (positive: moved up); null without yesterday"),
            optional("daily_return", DOUBLE, "close / yesterday's close - 1; null without yesterday"),
            optional("dod_change_pct", DOUBLE, "daily_return in percent"),
            optional("wow_change_pct", DOUBLE, "close against the close 7 days earlier, in percent; null without that day"),
            optional("avg_close_7d", AMOUNT, "mean close over the 7 days ending on the day, of the days present"),
            optional("avg_close_30d", AMOUNT, "mean close over the 30 days ending on the day, of the days present"),
            optional("volatility_7d", DOUBLE, "sample standard deviation of daily_return over the 7 days ending on the"
                    + " day; null with fewer than 2 returns"),
            required("data_source", STRING, "simulated or coincap-api"),
            required("computed_at", TIMESTAMP, "when the row was computed")))
            .partitionedBefore(LakePartition.byDay("day"));

    public static final LakeTable MARKET_DAILY = new LakeTable("lake.gold.market_daily", List.of("day"), LakePartition.byMonth("day"),
            true, List.of(
            required("day", DATE, "the UTC day"),
            required("asset_count", INT, "assets of the day in gold.fct_asset_daily"),
            optional("total_market_cap_usd", AMOUNT, "sum over the day's assets"),
            optional("total_volume_usd_24h", AMOUNT, "sum over the day's assets"),
            optional("btc_dominance_pct", DOUBLE, "bitcoin's share of total_market_cap_usd, in percent; null without bitcoin"),
            optional("top_gainer_asset_id", STRING, "highest dod_change_pct (ties: the first asset id)"),
            optional("top_gainer_change_pct", DOUBLE, "its dod_change_pct"),
            optional("top_loser_asset_id", STRING, "lowest dod_change_pct (ties: the first asset id)"),
            optional("top_loser_change_pct", DOUBLE, "its dod_change_pct"),
            required("computed_at", TIMESTAMP, "when the row was computed")))
            .partitionedBefore(LakePartition.byDay("day"));

    public static final LakeTable DIM_ASSET = new LakeTable("lake.gold.dim_asset", List.of("asset_id"), null, true, List.of(
            required("asset_id", STRING, "the key"),
            required("symbol", STRING, "from silver.assets"),
            required("name", STRING, "from silver.assets"),
            optional("explorer_url", STRING, "from silver.assets").renamedFrom("explorer"),
            optional("max_supply", AMOUNT, "from silver.assets"),
            required("first_seen_date", DATE, "from silver.assets"),
            required("last_seen_date", DATE, "from silver.assets"),
            optional("current_rank", INT, "market_cap_rank on current_as_of"),
            optional("current_price_usd", AMOUNT, "close_price_usd on current_as_of"),
            optional("current_market_cap_usd", AMOUNT, "market_cap_usd on current_as_of"),
            optional("current_as_of", DATE, "the newest day of gold.fct_asset_daily for the asset"),
            required("updated_at", TIMESTAMP, "when gold last changed the row")));

    /** In build order: market_daily and dim_asset read the run's fct_asset_daily. */
    static final List<GoldTable> ALL = List.of(
            new GoldTable(FCT_ASSET_DAILY, GoldTable.Write.CHANGED_DAYS, null),
            new GoldTable(MARKET_DAILY, GoldTable.Write.CHANGED_DAYS, null),
            // By name, not LakeTables.ASSETS: LakeTables lists these tables, so the two classes'
            // initialisation would be circular.
            new GoldTable(DIM_ASSET, GoldTable.Write.CHANGED_ROWS, "silver.assets"));

    public static final List<LakeTable> DEFINITIONS = ALL.stream().map(GoldTable::definition).toList();

    private GoldTables() {
    }
}
