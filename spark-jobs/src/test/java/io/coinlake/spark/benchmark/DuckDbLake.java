package io.coinlake.spark.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The benchmarks' peer: the bronze to silver to gold work of coinlake done by DuckDB on the same
 * bronze files, in one process, with Parquet out. Same work means: every line parsed with the
 * envelope's fields checked and amounts checked and cast to DECIMAL(38,16) exactly, duplicates
 * dropped on the grain (newest fetch wins), daily OHLC, 7- and 30-day calendar windows, daily
 * returns and ranks, the market totals and the asset dimension. What DuckDB does not do is what
 * a lakehouse adds: Iceberg commits, write-audit-publish, the quality log, incremental MERGEs.
 *
 * <p>DuckDB comes from Maven Central ({@code org.duckdb:duckdb_jdbc}, with JSON and Parquet built
 * in) and only for the benchmarks: the {@code benchmark} Maven profile adds it.
 */
final class DuckDbLake {
    /** What a run computed, to show both engines computed the same tables. */
    record Figures(double seconds, long snapshots, long factRows, String closeSum, long marketDays, long assets) {
    }

    private static final String AMOUNT = "DECIMAL(38,16)";
    /** The envelope's fields as DuckDB's from_json reads them: every scalar as text, as silver reads them. */
    private static final String ENVELOPE = "{\"type\":\"VARCHAR\",\"schemaVersion\":\"VARCHAR\",\"logicalDate\":\"VARCHAR\","
            + "\"runId\":\"VARCHAR\",\"source\":\"VARCHAR\",\"fetchedAt\":\"VARCHAR\",\"assetId\":\"VARCHAR\","
            + "\"snapshotKind\":\"VARCHAR\",\"responseTimestamp\":\"VARCHAR\",\"asset\":{\"id\":\"VARCHAR\","
            + "\"rank\":\"VARCHAR\",\"symbol\":\"VARCHAR\",\"name\":\"VARCHAR\",\"supply\":\"VARCHAR\","
            + "\"maxSupply\":\"VARCHAR\",\"marketCapUsd\":\"VARCHAR\",\"volumeUsd24Hr\":\"VARCHAR\","
            + "\"priceUsd\":\"VARCHAR\",\"changePercent24Hr\":\"VARCHAR\",\"vwap24Hr\":\"VARCHAR\","
            + "\"explorer\":\"VARCHAR\"}}";
    private static final String DECIMAL_TEXT = "'^-?[0-9]{1,22}(\\.[0-9]{1,16})?$'";

    private DuckDbLake() {
    }

    /**
     * @param bronzeGlobs the bronze objects on the local disk, one glob per date, e.g. {@code …/dt=2024-01-01/*.jsonl}
     * @param out        a directory for the Parquet files
     */
    static Figures run(List<String> bronzeGlobs, Path out) throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = connection.createStatement()) {
            sql.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            sql.execute("""
                    CREATE TEMP TABLE lines AS
                    WITH objects AS (SELECT filename, string_split(content, chr(10)) AS parts FROM read_text([%s]))
                    SELECT CAST(regexp_extract(filename, 'dt=([0-9]{4}-[0-9]{2}-[0-9]{2})', 1) AS DATE) AS bronze_date,
                           filename AS source_object, unnest(range(1, len(parts) + 1)) AS line_number,
                           unnest(parts) AS raw_line
                    FROM objects""".formatted(String.join(", ", bronzeGlobs.stream().map(glob -> "'" + glob + "'").toList())));
            sql.execute("DELETE FROM lines WHERE raw_line = ''");
            sql.execute("""
                    CREATE TEMP TABLE records AS
                    WITH parsed AS (
                      -- Parsed once into a struct: each ->> on a JSON value would parse the line again.
                      SELECT *, CASE WHEN json_valid(raw_line) THEN from_json(raw_line, '%1$s') END AS e FROM lines),
                    fields AS (
                      SELECT bronze_date, source_object, line_number, raw_line,
                             e.type AS type, e.schemaVersion AS schema_version,
                             TRY_CAST(e.logicalDate AS DATE) AS logical_date, e.runId AS run_id,
                             e.source AS source, TRY_CAST(e.fetchedAt AS TIMESTAMPTZ) AS fetched_at,
                             e.assetId AS asset_id, e.snapshotKind AS snapshot_kind,
                             e.responseTimestamp AS millis, e.asset.id AS object_id,
                             e.asset.rank AS rank, e.asset.symbol AS symbol, e.asset.name AS name,
                             e.asset.explorer AS explorer_url, e.asset.priceUsd AS price,
                             e.asset.supply AS supply, e.asset.maxSupply AS max_supply,
                             e.asset.marketCapUsd AS market_cap, e.asset.volumeUsd24Hr AS volume,
                             e.asset.changePercent24Hr AS change_pct, e.asset.vwap24Hr AS vwap
                      FROM parsed)
                    SELECT *, j_ok AND type = 'asset' AND schema_version = '1' AND logical_date = bronze_date
                              AND coalesce(trim(run_id), '') <> '' AND source IN ('simulated', 'coincap-api')
                              AND fetched_at IS NOT NULL AND object_id = asset_id AND snapshot_kind = 'live'
                              AND regexp_full_match(millis, '[0-9]{1,15}')
                              AND coalesce(trim(symbol), '') <> '' AND coalesce(trim(name), '') <> ''
                              AND regexp_full_match(rank, '[0-9]{1,9}')
                              AND %2$s AND %3$s AND %4$s AND %5$s AND %6$s AND %7$s AND %8$s
                              AND TRY_CAST(price AS %9$s) > 0 AS valid
                    FROM (SELECT *, type IS NOT NULL AS j_ok FROM fields)""".formatted(ENVELOPE,
                    amountOk("price", false), amountOk("supply", false), amountOk("max_supply", true),
                    amountOk("market_cap", false), amountOk("volume", true), amountOk("change_pct", true),
                    amountOk("vwap", true), AMOUNT));
            sql.execute("""
                    CREATE TEMP TABLE asset_snapshots AS
                    SELECT * EXCLUDE (copy) FROM (
                      SELECT asset_id, epoch_ms(CAST(millis AS BIGINT)) AS snapshot_ts, logical_date AS snapshot_date,
                             snapshot_kind, CAST(rank AS INT) AS rank, CAST(price AS %1$s) AS price_usd,
                             CAST(supply AS %1$s) AS supply, CAST(max_supply AS %1$s) AS max_supply,
                             CAST(market_cap AS %1$s) AS market_cap_usd, CAST(volume AS %1$s) AS volume_usd_24h,
                             CAST(change_pct AS %1$s) AS change_percent_24h, CAST(vwap AS %1$s) AS vwap_24h,
                             source AS data_source, run_id, fetched_at, source_object, line_number, symbol, name,
                             explorer_url,
                             row_number() OVER (PARTITION BY logical_date, asset_id, epoch_ms(CAST(millis AS BIGINT))
                                                ORDER BY fetched_at DESC, run_id DESC, source_object DESC,
                                                         line_number DESC) AS copy
                      FROM records WHERE valid)
                    WHERE copy = 1""".formatted(AMOUNT));
            sql.execute("CREATE TEMP TABLE rejected_records AS SELECT bronze_date, source_object, line_number, raw_line"
                    + " FROM records WHERE NOT coalesce(valid, false)");
            sql.execute("""
                    CREATE TEMP TABLE fct_asset_daily AS
                    WITH daily AS (
                      SELECT snapshot_date AS day, asset_id, snapshot_date - DATE '1970-01-01' AS day_number,
                             arg_min(price_usd, snapshot_ts) AS open_price_usd, max(price_usd) AS high_price_usd,
                             min(price_usd) AS low_price_usd, arg_max(price_usd, snapshot_ts) AS close_price_usd,
                             CAST(avg(price_usd) AS %1$s) AS avg_price_usd, CAST(count(*) AS INT) AS snapshot_count,
                             arg_max(volume_usd_24h, snapshot_ts) AS volume_usd_24h,
                             arg_max(market_cap_usd, snapshot_ts) AS market_cap_usd,
                             arg_max(data_source, snapshot_ts) AS data_source
                      FROM asset_snapshots GROUP BY ALL),
                    windowed AS (
                      SELECT *,
                             max(close_price_usd) OVER (PARTITION BY asset_id ORDER BY day_number
                                                        RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING) AS previous_close,
                             max(close_price_usd) OVER (PARTITION BY asset_id ORDER BY day_number
                                                        RANGE BETWEEN 7 PRECEDING AND 7 PRECEDING) AS week_ago_close,
                             CAST(avg(close_price_usd) OVER (PARTITION BY asset_id ORDER BY day_number
                                  RANGE BETWEEN 6 PRECEDING AND CURRENT ROW) AS %1$s) AS avg_close_7d,
                             CAST(avg(close_price_usd) OVER (PARTITION BY asset_id ORDER BY day_number
                                  RANGE BETWEEN 29 PRECEDING AND CURRENT ROW) AS %1$s) AS avg_close_30d,
                             CASE WHEN market_cap_usd IS NOT NULL THEN CAST(rank() OVER (PARTITION BY day
                                  ORDER BY market_cap_usd DESC NULLS LAST) AS INT) END AS market_cap_rank
                      FROM daily),
                    returns AS (
                      SELECT *, CAST(close_price_usd AS DOUBLE) / CAST(previous_close AS DOUBLE) - 1 AS daily_return,
                             (CAST(close_price_usd AS DOUBLE) / CAST(week_ago_close AS DOUBLE) - 1) * 100 AS wow_change_pct,
                             max(market_cap_rank) OVER (PARTITION BY asset_id ORDER BY day_number
                                                        RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING) AS previous_rank
                      FROM windowed)
                    SELECT day, asset_id, open_price_usd, high_price_usd, low_price_usd, close_price_usd, avg_price_usd,
                           snapshot_count, volume_usd_24h, market_cap_usd, market_cap_rank,
                           previous_rank - market_cap_rank AS rank_change, daily_return,
                           daily_return * 100 AS dod_change_pct, wow_change_pct, avg_close_7d, avg_close_30d,
                           stddev_samp(daily_return) OVER (PARTITION BY asset_id ORDER BY day_number
                                                           RANGE BETWEEN 6 PRECEDING AND CURRENT ROW) AS volatility_7d,
                           data_source, now() AS computed_at
                    FROM returns""".formatted(AMOUNT));
            sql.execute("""
                    CREATE TEMP TABLE market_daily AS
                    WITH movers AS (
                      SELECT day, asset_id, dod_change_pct,
                             row_number() OVER (PARTITION BY day ORDER BY dod_change_pct DESC, asset_id) AS gainer,
                             row_number() OVER (PARTITION BY day ORDER BY dod_change_pct ASC, asset_id) AS loser
                      FROM fct_asset_daily WHERE dod_change_pct IS NOT NULL)
                    SELECT t.*, g.asset_id AS top_gainer_asset_id, g.dod_change_pct AS top_gainer_change_pct,
                           l.asset_id AS top_loser_asset_id, l.dod_change_pct AS top_loser_change_pct, now() AS computed_at
                    FROM (SELECT day, CAST(count(*) AS INT) AS asset_count, sum(market_cap_usd) AS total_market_cap_usd,
                                 sum(volume_usd_24h) AS total_volume_usd_24h,
                                 CAST(sum(CASE WHEN asset_id = 'bitcoin' THEN market_cap_usd END) AS DOUBLE)
                                   / CAST(sum(market_cap_usd) AS DOUBLE) * 100 AS btc_dominance_pct
                          FROM fct_asset_daily GROUP BY day) t
                    LEFT JOIN movers g ON g.day = t.day AND g.gainer = 1
                    LEFT JOIN movers l ON l.day = t.day AND l.loser = 1""");
            sql.execute("""
                    CREATE TEMP TABLE dim_asset AS
                    SELECT s.asset_id, arg_max(s.symbol, s.snapshot_ts) AS symbol, arg_max(s.name, s.snapshot_ts) AS name,
                           arg_max(s.explorer_url, s.snapshot_ts) AS explorer_url,
                           arg_max(s.max_supply, s.snapshot_ts) AS max_supply, min(s.snapshot_date) AS first_seen_date,
                           max(s.snapshot_date) AS last_seen_date, any_value(f.market_cap_rank) AS current_rank,
                           any_value(f.close_price_usd) AS current_price_usd,
                           any_value(f.market_cap_usd) AS current_market_cap_usd, any_value(f.day) AS current_as_of,
                           now() AS updated_at
                    FROM asset_snapshots s
                    LEFT JOIN (SELECT * FROM fct_asset_daily QUALIFY row_number() OVER (PARTITION BY asset_id
                               ORDER BY day DESC) = 1) f ON f.asset_id = s.asset_id
                    GROUP BY s.asset_id""");
            for (String table : new String[] {"asset_snapshots", "rejected_records", "fct_asset_daily", "market_daily", "dim_asset"}) {
                sql.execute("COPY " + table + " TO '" + out.resolve(table + ".parquet") + "' (FORMAT parquet)");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Figures(seconds, count(sql, "asset_snapshots"), count(sql, "fct_asset_daily"),
                    single(sql, "SELECT CAST(sum(close_price_usd) AS VARCHAR) FROM fct_asset_daily"),
                    count(sql, "market_daily"), count(sql, "dim_asset"));
        }
    }

    /** Absent where optional, else a decimal that fits DECIMAL(38,16) without rounding. */
    private static String amountOk(String column, boolean optional) {
        return "(" + (optional ? column + " IS NULL OR " : column + " IS NOT NULL AND ")
                + "regexp_full_match(" + column + ", " + DECIMAL_TEXT + "))";
    }

    private static long count(Statement sql, String table) throws SQLException {
        return Long.parseLong(single(sql, "SELECT count(*) FROM " + table));
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }
}
