package io.coinlake.spark.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coinlake.dates.DateRange;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.SqlText;
import io.coinlake.spark.gold.GoldTables;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the report shows, read from gold and the audit log at pinned snapshots, as one JSON
 * document: series are aligned with {@code days}, a missing value is null. Amounts are exact
 * decimal strings (JavaScript numbers would round them); the page plots their approximations and
 * shows the exact values in tooltips.
 */
final class ReportData {
    /** Assets per day in the bump chart and the movers lists. */
    static final int RANKED = 10;
    static final int MOVERS = 5;
    /** The audit panel's newest runs and failed checks. */
    static final int RUNS_LISTED = 30;
    static final int PROBLEMS_LISTED = 50;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SparkSession spark;
    private final PinnedTables tables;
    private final PrintStream progress;

    ReportData(SparkSession spark, PinnedTables tables, PrintStream progress) {
        this.spark = spark;
        this.tables = tables;
        this.progress = progress;
    }

    /** The first and last day of gold.market_daily within the bounds given (null: open). */
    DateRange range(LocalDate from, LocalDate to) {
        String where = (from == null ? "true" : "day >= " + SqlText.date(from)) + " AND " + (to == null ? "true" : "day <= " + SqlText.date(to));
        Row row = spark.sql("SELECT min(day), max(day) FROM " + tables.sql(GoldTables.MARKET_DAILY) + " WHERE " + where).first();
        return row.isNullAt(0) ? null : new DateRange(row.getLocalDate(0), row.getLocalDate(1));
    }

    ObjectNode read(DateRange range, int topN, Instant now) {
        ObjectNode data = JSON.objectNode();
        data.put("generatedAt", now.toString());
        data.put("from", range.first().toString());
        data.put("to", range.last().toString());
        List<LocalDate> days = range.dates();
        ArrayNode dayArray = data.putArray("days");
        days.forEach(day -> dayArray.add(day.toString()));
        Map<LocalDate, Integer> index = new HashMap<>();
        for (int i = 0; i < days.size(); i++) {
            index.put(days.get(i), i);
        }
        Set<String> shown = new LinkedHashSet<>();

        step("market totals");
        data.set("market", market(range, index));
        step("prices of the top " + topN + " assets");
        List<String> top = top(range, topN);
        data.set("top", JSON.arrayNode().addAll(top.stream().map(JSON::textNode).toList()));
        shown.addAll(top);
        data.set("prices", prices(range, top, index));
        step("daily ranks");
        data.set("ranks", ranks(range, index, shown));
        step("movers");
        data.set("movers", movers(range, index, shown));
        step("assets of " + range.last());
        data.set("table", assetTable(range, shown));
        step("data quality");
        data.set("quality", quality(range, index));
        data.set("freshness", freshness(now));
        data.set("sources", sources(range));
        data.set("assets", names(shown));
        ObjectNode snapshots = data.putObject("snapshots");
        tables.ids().forEach((table, id) -> snapshots.put(table, id == null ? null : id.toString()));
        return data;
    }

    private void step(String what) {
        progress.println("[report] reading " + what);
    }

    private ObjectNode market(DateRange range, Map<LocalDate, Integer> index) {
        int n = index.size();
        ArrayNode cap = nulls(n);
        ArrayNode volume = nulls(n);
        ArrayNode dominance = nulls(n);
        ArrayNode assets = nulls(n);
        for (Row row : rows("SELECT day, total_market_cap_usd, total_volume_usd_24h, btc_dominance_pct, asset_count FROM "
                + tables.sql(GoldTables.MARKET_DAILY) + " WHERE " + between(range, "day"))) {
            int i = index.get(row.getLocalDate(0));
            cap.set(i, amount(row, 1));
            volume.set(i, amount(row, 2));
            dominance.set(i, number(row, 3));
            assets.set(i, JSON.numberNode(row.getInt(4)));
        }
        ObjectNode market = JSON.objectNode();
        market.set("cap", cap);
        market.set("volume", volume);
        market.set("dominance", dominance);
        market.set("assetCount", assets);
        return market;
    }

    /** The range's last day's top assets by market cap. */
    private List<String> top(DateRange range, int topN) {
        return rows("SELECT asset_id FROM " + tables.sql(GoldTables.FCT_ASSET_DAILY) + " WHERE day = " + SqlText.date(range.last())
                + " ORDER BY market_cap_rank NULLS LAST, asset_id LIMIT " + topN).stream().map(row -> row.getString(0)).toList();
    }

    private ObjectNode prices(DateRange range, List<String> assets, Map<LocalDate, Integer> index) {
        ObjectNode prices = JSON.objectNode();
        if (assets.isEmpty()) {
            return prices;
        }
        for (String asset : assets) {
            ObjectNode series = prices.putObject(asset);
            series.set("close", nulls(index.size()));
            series.set("avg7", nulls(index.size()));
            series.set("avg30", nulls(index.size()));
        }
        for (Row row : rows("SELECT asset_id, day, close_price_usd, avg_close_7d, avg_close_30d FROM " + tables.sql(GoldTables.FCT_ASSET_DAILY)
                + " WHERE " + between(range, "day") + " AND asset_id IN " + inList(assets))) {
            ObjectNode series = (ObjectNode) prices.get(row.getString(0));
            int i = index.get(row.getLocalDate(1));
            ((ArrayNode) series.get("close")).set(i, amount(row, 2));
            ((ArrayNode) series.get("avg7")).set(i, amount(row, 3));
            ((ArrayNode) series.get("avg30")).set(i, amount(row, 4));
        }
        return prices;
    }

    /** Each asset that is among the top {@value #RANKED} on a day of the range: its rank per day, null when outside them. */
    private ObjectNode ranks(DateRange range, Map<LocalDate, Integer> index, Set<String> shown) {
        ObjectNode ranks = JSON.objectNode();
        for (Row row : rows("SELECT asset_id, day, market_cap_rank FROM " + tables.sql(GoldTables.FCT_ASSET_DAILY) + " WHERE "
                + between(range, "day") + " AND market_cap_rank <= " + RANKED + " ORDER BY asset_id, day")) {
            String asset = row.getString(0);
            ArrayNode series = ranks.has(asset) ? (ArrayNode) ranks.get(asset) : (ArrayNode) ranks.set(asset, nulls(index.size())).get(asset);
            series.set(index.get(row.getLocalDate(1)), JSON.numberNode(row.getInt(2)));
            shown.add(asset);
        }
        return ranks;
    }

    /** Per day, the {@value #MOVERS} largest day-on-day gains and losses, biggest first: [asset, percent]. */
    private ArrayNode movers(DateRange range, Map<LocalDate, Integer> index, Set<String> shown) {
        ArrayNode movers = JSON.arrayNode();
        for (int i = 0; i < index.size(); i++) {
            ObjectNode day = movers.addObject();
            day.putArray("gainers");
            day.putArray("losers");
        }
        for (Row row : rows("SELECT day, asset_id, dod_change_pct, gainer <= " + MOVERS + " AS gains FROM (SELECT day, asset_id, dod_change_pct,"
                + " row_number() OVER (PARTITION BY day ORDER BY dod_change_pct DESC, asset_id) AS gainer,"
                + " row_number() OVER (PARTITION BY day ORDER BY dod_change_pct ASC, asset_id) AS loser"
                + " FROM " + tables.sql(GoldTables.FCT_ASSET_DAILY) + " WHERE " + between(range, "day") + " AND dod_change_pct IS NOT NULL)"
                + " WHERE gainer <= " + MOVERS + " OR loser <= " + MOVERS + " ORDER BY day, dod_change_pct DESC, asset_id")) {
            ObjectNode day = (ObjectNode) movers.get(index.get(row.getLocalDate(0)));
            ArrayNode mover = JSON.arrayNode().add(row.getString(1)).add(row.getDouble(2));
            if (row.getBoolean(3)) {
                ((ArrayNode) day.get("gainers")).add(mover);
            } else {
                // Ordered by change, descending: the biggest loss comes last, so losers are put first as they come.
                ((ArrayNode) day.get("losers")).insert(0, mover);
            }
            shown.add(row.getString(1));
        }
        return movers;
    }

    private ArrayNode assetTable(DateRange range, Set<String> shown) {
        ArrayNode table = JSON.arrayNode();
        for (Row row : rows("SELECT f.asset_id, f.market_cap_rank, f.close_price_usd, f.dod_change_pct, f.wow_change_pct,"
                + " f.market_cap_usd, f.volume_usd_24h, f.volatility_7d FROM " + tables.sql(GoldTables.FCT_ASSET_DAILY) + " f"
                + " WHERE f.day = " + SqlText.date(range.last()) + " ORDER BY f.market_cap_rank NULLS LAST, f.asset_id")) {
            ObjectNode asset = table.addObject();
            asset.put("id", row.getString(0));
            asset.set("rank", row.isNullAt(1) ? JSON.nullNode() : JSON.numberNode(row.getInt(1)));
            asset.set("price", amount(row, 2));
            asset.set("dod", number(row, 3));
            asset.set("wow", number(row, 4));
            asset.set("cap", amount(row, 5));
            asset.set("volume", amount(row, 6));
            asset.set("volatility", number(row, 7));
            shown.add(row.getString(0));
        }
        return table;
    }

    /**
     * Checks per day (the newest run of each job for it: what stands), rejected bronze lines per
     * day, the newest runs, and the checks of the standing runs that did not pass.
     */
    private ObjectNode quality(DateRange range, Map<LocalDate, Integer> index) {
        int n = index.size();
        ObjectNode quality = JSON.objectNode();
        ArrayNode passed = nulls(n);
        ArrayNode warned = nulls(n);
        ArrayNode failed = nulls(n);
        ArrayNode rejected = nulls(n);
        String checks = tables.sql(LakeTables.QUALITY_CHECKS);
        String standing = "SELECT q.* FROM " + checks + " q JOIN (SELECT job, check_date, max_by(job_run_id, checked_at) AS run FROM "
                + checks + " WHERE " + between(range, "check_date") + " GROUP BY job, check_date) s"
                + " ON q.job = s.job AND q.check_date = s.check_date AND q.job_run_id = s.run";
        for (Row row : rows("SELECT check_date, count_if(passed), count_if(NOT passed AND severity <> 'error'),"
                + " count_if(NOT passed AND severity = 'error') FROM (" + standing + ") GROUP BY check_date")) {
            int i = index.get(row.getLocalDate(0));
            passed.set(i, JSON.numberNode(row.getLong(1)));
            warned.set(i, JSON.numberNode(row.getLong(2)));
            failed.set(i, JSON.numberNode(row.getLong(3)));
        }
        for (Row row : rows("SELECT bronze_date, count(*) FROM " + tables.sql(LakeTables.REJECTED_RECORDS) + " WHERE "
                + between(range, "bronze_date") + " GROUP BY bronze_date")) {
            rejected.set(index.get(row.getLocalDate(0)), JSON.numberNode(row.getLong(1)));
        }
        quality.set("passed", passed);
        quality.set("warned", warned);
        quality.set("failed", failed);
        quality.set("rejected", rejected);

        ArrayNode runs = quality.putArray("runs");
        for (Row row : rows("SELECT job_run_id, job, max(checked_at), min(check_date), max(check_date), count_if(passed),"
                + " count_if(NOT passed AND severity <> 'error'), count_if(NOT passed AND severity = 'error') FROM " + checks
                + " WHERE " + between(range, "check_date") + " GROUP BY job_run_id, job ORDER BY max(checked_at) DESC LIMIT " + RUNS_LISTED)) {
            ObjectNode run = runs.addObject();
            run.put("run", row.getString(0));
            run.put("job", row.getString(1));
            run.put("checkedAt", row.<Instant>getAs(2).toString());
            run.put("from", row.getLocalDate(3).toString());
            run.put("to", row.getLocalDate(4).toString());
            run.put("passed", row.getLong(5));
            run.put("warned", row.getLong(6));
            run.put("failed", row.getLong(7));
        }
        ArrayNode problems = quality.putArray("problems");
        for (Row row : rows("SELECT check_date, job, table_name, check_name, severity, observed, expected FROM (" + standing
                + ") WHERE NOT passed ORDER BY check_date DESC, severity, table_name, check_name LIMIT " + PROBLEMS_LISTED)) {
            ObjectNode problem = problems.addObject();
            problem.put("day", row.getLocalDate(0).toString());
            problem.put("job", row.getString(1));
            problem.put("table", row.getString(2));
            problem.put("check", row.getString(3));
            problem.put("severity", row.getString(4));
            problem.put("observed", row.getString(5));
            problem.put("expected", row.getString(6));
        }
        return quality;
    }

    /** How current the lake is, whatever the report's range: its newest day and when that day's values were fetched. */
    private ObjectNode freshness(Instant now) {
        ObjectNode freshness = JSON.objectNode();
        Row newest = spark.sql("SELECT max(day) FROM " + tables.sql(GoldTables.MARKET_DAILY)).first();
        LocalDate day = newest.getLocalDate(0);
        freshness.put("newestDay", day.toString());
        Row fetched = spark.sql("SELECT max(fetched_at) FROM " + tables.sql(LakeTables.ASSET_SNAPSHOTS) + " WHERE snapshot_date = "
                + SqlText.date(day)).first();
        freshness.put("fetchedAt", fetched.isNullAt(0) ? null : fetched.<Instant>getAs(0).toString());
        freshness.put("now", now.toString());
        return freshness;
    }

    /** Rows per data source in the range: coincap-api or simulated. */
    private ObjectNode sources(DateRange range) {
        ObjectNode sources = JSON.objectNode();
        rows("SELECT data_source, count(*) FROM " + tables.sql(GoldTables.FCT_ASSET_DAILY) + " WHERE " + between(range, "day")
                + " GROUP BY data_source ORDER BY data_source").forEach(row -> sources.put(row.getString(0), row.getLong(1)));
        return sources;
    }

    private ObjectNode names(Set<String> assets) {
        ObjectNode names = JSON.objectNode();
        if (assets.isEmpty()) {
            return names;
        }
        Map<String, Row> found = new LinkedHashMap<>();
        rows("SELECT asset_id, symbol, name FROM " + tables.sql(GoldTables.DIM_ASSET) + " WHERE asset_id IN " + inList(new ArrayList<>(assets)))
                .forEach(row -> found.put(row.getString(0), row));
        for (String asset : assets) {
            Row row = found.get(asset);
            ObjectNode name = names.putObject(asset);
            // An asset gold has facts for but no dimension row yet shows its id, not a hole.
            name.put("symbol", row == null ? asset : row.getString(1));
            name.put("name", row == null ? asset : row.getString(2));
        }
        return names;
    }

    private List<Row> rows(String sql) {
        return spark.sql(sql).collectAsList();
    }

    private static ArrayNode nulls(int n) {
        ArrayNode array = JSON.arrayNode(n);
        for (int i = 0; i < n; i++) {
            array.addNull();
        }
        return array;
    }

    private static JsonNode amount(Row row, int i) {
        return row.isNullAt(i) ? JSON.nullNode() : JSON.textNode(row.getDecimal(i).stripTrailingZeros().toPlainString());
    }

    private static JsonNode number(Row row, int i) {
        return row.isNullAt(i) || !Double.isFinite(row.getDouble(i)) ? JSON.nullNode() : JSON.numberNode(row.getDouble(i));
    }

    /** Asset ids come from the lake, not from a user: quoted with quotes doubled all the same. */
    private static String inList(List<String> ids) {
        return ids.stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    private static String between(DateRange range, String column) {
        return column + " BETWEEN " + SqlText.date(range.first()) + " AND " + SqlText.date(range.last());
    }
}
