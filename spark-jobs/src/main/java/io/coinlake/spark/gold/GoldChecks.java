package io.coinlake.spark.gold;

import static io.coinlake.spark.quality.QualityResult.Severity.ERROR;
import static io.coinlake.spark.quality.QualityResult.Severity.WARN;
import static io.coinlake.spark.quality.QualityResult.expectZero;

import io.coinlake.spark.LakeTables;
import io.coinlake.spark.SqlText;
import io.coinlake.spark.quality.DailyStats;
import io.coinlake.spark.quality.QualityResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The quality checks of gold after a run, per day, on the tables as users read them. */
final class GoldChecks {
    private static final String FACTS = LakeTables.shortName(LakeTables.FCT_ASSET_DAILY);
    private static final String MARKET = LakeTables.shortName(LakeTables.MARKET_DAILY);
    private static final String DIM = LakeTables.shortName(LakeTables.DIM_ASSET);

    private final SparkSession spark;

    GoldChecks(SparkSession spark) {
        this.spark = spark;
    }

    List<QualityResult> run(List<LocalDate> days) {
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        String range = " BETWEEN " + SqlText.date(first) + " AND " + SqlText.date(last);
        Map<LocalDate, Row> facts = DailyStats.query(spark, "SELECT f.day, count(*) AS row_count,"
                + " count(*) - count(DISTINCT f.asset_id) AS duplicate_keys,"
                + " count_if(NOT (f.low_price_usd <= f.open_price_usd AND f.open_price_usd <= f.high_price_usd"
                + " AND f.low_price_usd <= f.close_price_usd AND f.close_price_usd <= f.high_price_usd)) AS bad_ohlc,"
                + " count_if(d.asset_id IS NULL) AS missing_in_dim,"
                + " count_if(f.asset_id = 'bitcoin') AS bitcoin"
                + " FROM " + LakeTables.FCT_ASSET_DAILY + " f LEFT JOIN " + LakeTables.DIM_ASSET + " d ON d.asset_id = f.asset_id"
                + " WHERE f.day" + range + " GROUP BY f.day");
        Map<LocalDate, Row> silver = DailyStats.query(spark, "SELECT snapshot_date, count(DISTINCT asset_id) FROM "
                + LakeTables.ASSET_SNAPSHOTS + " WHERE snapshot_date" + range + " GROUP BY snapshot_date");
        Map<LocalDate, Row> market = DailyStats.query(spark, "SELECT day, count(*), max(asset_count) FROM "
                + LakeTables.MARKET_DAILY + " WHERE day" + range + " GROUP BY day");

        List<QualityResult> results = new ArrayList<>();
        for (LocalDate day : days) {
            Row f = facts.get(day);
            long rows = f == null ? 0 : f.getLong(1);
            long silverAssets = silver.containsKey(day) ? silver.get(day).getLong(1) : 0;
            results.add(new QualityResult(day, FACTS, "complete", ERROR, rows == silverAssets && rows > 0,
                    rows + " rows", silverAssets + " (the day's assets in silver)"));
            results.add(expectZero(day, FACTS, "unique_grain", ERROR, f == null ? 0 : f.getLong(2),
                    "rows sharing (day, asset_id)"));
            results.add(expectZero(day, FACTS, "ohlc_consistent", ERROR, f == null ? 0 : f.getLong(3),
                    "rows outside low <= open, close <= high"));
            results.add(expectZero(day, DIM, "covers_facts", ERROR, f == null ? 0 : f.getLong(4),
                    "assets of the day missing from dim_asset"));
            Row m = market.get(day);
            boolean marketOk = m != null && m.getLong(1) == 1 && m.getInt(2) == rows;
            results.add(new QualityResult(day, MARKET, "one_row_matching_facts", ERROR, marketOk,
                    m == null ? "no row" : m.getLong(1) + " row(s), asset_count " + m.getInt(2), "1 row, asset_count " + rows));
            boolean bitcoin = f != null && f.getLong(5) > 0;
            results.add(new QualityResult(day, MARKET, "btc_dominance_known", WARN, bitcoin,
                    bitcoin ? "bitcoin present" : "no bitcoin row: btc_dominance_pct is null", "bitcoin among the day's assets"));
        }
        return results;
    }


}
