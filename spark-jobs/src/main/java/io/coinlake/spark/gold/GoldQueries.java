package io.coinlake.spark.gold;

import io.coinlake.spark.LakeTables;
import io.coinlake.spark.SqlText;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The SQL of the gold tables. Windows run over calendar days (RANGE frames on the day number), so
 * a missing day is a gap, not a shift: "7 days" always means the 7 calendar days ending on the row's
 * day, and "the previous day" is yesterday or nothing.
 */
final class GoldQueries {
    /** The longest window (30 days for avg_close_30d) sets how far back a run must read silver. */
    static final int LOOKBACK_DAYS = 30;

    private GoldQueries() {
    }

    /** gold.fct_asset_daily rows for {@code first..last}, from silver rows of {@code first - LOOKBACK_DAYS..last}. */
    static String assetDaily(LocalDate first, LocalDate last, Instant computedAt) {
        return "WITH daily AS ("
                + " SELECT snapshot_date AS day, asset_id, unix_date(snapshot_date) AS day_number,"
                + " min_by(price_usd, snapshot_ts) AS open_price_usd, max(price_usd) AS high_price_usd,"
                + " min(price_usd) AS low_price_usd, max_by(price_usd, snapshot_ts) AS close_price_usd,"
                + " CAST(avg(price_usd) AS " + LakeTables.AMOUNT + ") AS avg_price_usd,"
                + " CAST(count(*) AS INT) AS snapshot_count,"
                + " max_by(volume_usd_24h, snapshot_ts) AS volume_usd_24h,"
                + " max_by(market_cap_usd, snapshot_ts) AS market_cap_usd,"
                + " max_by(data_source, snapshot_ts) AS data_source"
                + " FROM " + LakeTables.ASSET_SNAPSHOTS
                + " WHERE snapshot_date BETWEEN " + SqlText.date(first.minusDays(LOOKBACK_DAYS)) + " AND " + SqlText.date(last)
                + " GROUP BY snapshot_date, asset_id),"
                + " windowed AS (SELECT *,"
                + " max(close_price_usd) OVER (" + calendar("1 PRECEDING AND 1 PRECEDING") + ") AS previous_close,"
                + " max(close_price_usd) OVER (" + calendar("7 PRECEDING AND 7 PRECEDING") + ") AS week_ago_close,"
                + " CAST(avg(close_price_usd) OVER (" + calendar("6 PRECEDING AND CURRENT ROW") + ") AS " + LakeTables.AMOUNT + ") AS avg_close_7d,"
                + " CAST(avg(close_price_usd) OVER (" + calendar("29 PRECEDING AND CURRENT ROW") + ") AS " + LakeTables.AMOUNT + ") AS avg_close_30d,"
                + " IF(market_cap_usd IS NULL, NULL,"
                + " CAST(rank() OVER (PARTITION BY day ORDER BY market_cap_usd DESC NULLS LAST) AS INT)) AS market_cap_rank"
                + " FROM daily),"
                // Ratios of decimals would be cut to 6 decimal places by Spark's decimal rules: doubles here.
                + " returns AS (SELECT *,"
                + " CAST(close_price_usd AS DOUBLE) / CAST(previous_close AS DOUBLE) - 1 AS daily_return,"
                + " (CAST(close_price_usd AS DOUBLE) / CAST(week_ago_close AS DOUBLE) - 1) * 100 AS wow_change_pct,"
                + " max(market_cap_rank) OVER (" + calendar("1 PRECEDING AND 1 PRECEDING") + ") AS previous_rank"
                + " FROM windowed)"
                + " SELECT day, asset_id, open_price_usd, high_price_usd, low_price_usd, close_price_usd, avg_price_usd,"
                + " snapshot_count, volume_usd_24h, market_cap_usd, market_cap_rank,"
                + " previous_rank - market_cap_rank AS rank_change,"
                + " daily_return, daily_return * 100 AS dod_change_pct, wow_change_pct, avg_close_7d, avg_close_30d,"
                + " stddev_samp(daily_return) OVER (" + calendar("6 PRECEDING AND CURRENT ROW") + ") AS volatility_7d,"
                + " data_source, " + SqlText.timestamp(computedAt) + " AS computed_at"
                + " FROM returns";
    }

    /** Keeps the requested days of a wider computation. */
    static String onlyDays(String view, LocalDate first, LocalDate last) {
        return "SELECT * FROM " + view + " WHERE day BETWEEN " + SqlText.date(first) + " AND " + SqlText.date(last);
    }

    /** gold.market_daily rows from the asset-day rows in {@code view}; gainer and loser ties go to the first asset id. */
    static String marketDaily(String view, Instant computedAt) {
        return "WITH totals AS (SELECT day, CAST(count(*) AS INT) AS asset_count,"
                + " sum(market_cap_usd) AS total_market_cap_usd, sum(volume_usd_24h) AS total_volume_usd_24h,"
                + " CAST(sum(IF(asset_id = 'bitcoin', market_cap_usd, NULL)) AS DOUBLE)"
                + " / CAST(sum(market_cap_usd) AS DOUBLE) * 100 AS btc_dominance_pct"
                + " FROM " + view + " GROUP BY day),"
                + " movers AS (SELECT day, asset_id, dod_change_pct,"
                + " row_number() OVER (PARTITION BY day ORDER BY dod_change_pct DESC, asset_id) AS gainer,"
                + " row_number() OVER (PARTITION BY day ORDER BY dod_change_pct ASC, asset_id) AS loser"
                + " FROM " + view + " WHERE dod_change_pct IS NOT NULL)"
                + " SELECT t.day, t.asset_count, t.total_market_cap_usd, t.total_volume_usd_24h, t.btc_dominance_pct,"
                + " g.asset_id AS top_gainer_asset_id, g.dod_change_pct AS top_gainer_change_pct,"
                + " l.asset_id AS top_loser_asset_id, l.dod_change_pct AS top_loser_change_pct,"
                + " " + SqlText.timestamp(computedAt) + " AS computed_at"
                + " FROM totals t"
                + " LEFT JOIN movers g ON g.day = t.day AND g.gainer = 1"
                + " LEFT JOIN movers l ON l.day = t.day AND l.loser = 1";
    }

    /**
     * gold.dim_asset rows that are new or change: silver.assets' attributes, and the current rank and
     * price from the newest of the written days when it is not older than what the row has.
     */
    static String changedDimAsset(String writtenFacts, Instant computedAt) {
        String current = "SELECT asset_id, max_by(named_struct('rank', market_cap_rank, 'price', close_price_usd,"
                + " 'market_cap', market_cap_usd, 'day', day), day) AS c FROM " + writtenFacts + " GROUP BY asset_id";
        return "WITH candidate AS (SELECT a.asset_id, a.symbol, a.name, a.explorer, a.max_supply, a.first_seen_date,"
                + " a.last_seen_date, d.current_rank AS old_rank, d.current_price_usd AS old_price,"
                + " d.current_market_cap_usd AS old_market_cap, d.current_as_of AS old_as_of, c.c AS c,"
                + " d.asset_id IS NULL AS is_new,"
                + " (c.c IS NOT NULL AND (d.current_as_of IS NULL OR c.c.day >= d.current_as_of)) AS newer,"
                + " d.symbol AS old_symbol, d.name AS old_name, d.explorer AS old_explorer, d.max_supply AS old_max_supply,"
                + " d.first_seen_date AS old_first, d.last_seen_date AS old_last"
                + " FROM " + LakeTables.ASSETS + " a"
                + " LEFT JOIN (" + current + ") c ON c.asset_id = a.asset_id"
                + " LEFT JOIN " + LakeTables.DIM_ASSET + " d ON d.asset_id = a.asset_id),"
                + " merged AS (SELECT asset_id, symbol, name, explorer, max_supply, first_seen_date, last_seen_date,"
                + " IF(newer, c.rank, old_rank) AS current_rank, IF(newer, c.price, old_price) AS current_price_usd,"
                + " IF(newer, c.market_cap, old_market_cap) AS current_market_cap_usd,"
                + " IF(newer, c.day, old_as_of) AS current_as_of, is_new,"
                + " old_symbol, old_name, old_explorer, old_max_supply, old_first, old_last, old_rank, old_price,"
                + " old_market_cap, old_as_of FROM candidate)"
                + " SELECT asset_id, symbol, name, explorer, max_supply, first_seen_date, last_seen_date, current_rank,"
                + " current_price_usd, current_market_cap_usd, current_as_of, " + SqlText.timestamp(computedAt)
                + " AS updated_at, is_new FROM merged"
                + " WHERE is_new OR NOT (symbol <=> old_symbol AND name <=> old_name AND explorer <=> old_explorer"
                + " AND max_supply <=> old_max_supply AND first_seen_date <=> old_first AND last_seen_date <=> old_last"
                + " AND current_rank <=> old_rank AND current_price_usd <=> old_price"
                + " AND current_market_cap_usd <=> old_market_cap AND current_as_of <=> old_as_of)";
    }

    private static String calendar(String frame) {
        return "PARTITION BY asset_id ORDER BY day_number RANGE BETWEEN " + frame;
    }
}
