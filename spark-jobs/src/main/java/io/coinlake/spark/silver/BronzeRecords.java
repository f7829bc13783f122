package io.coinlake.spark.silver;

import io.coinlake.envelope.Batch;
import io.coinlake.envelope.EnvelopeCodec;
import io.coinlake.envelope.EnvelopeFields;
import io.coinlake.envelope.SnapshotKind;
import io.coinlake.spark.LakeTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Parses bronze lines with an explicit schema (nothing is inferred), checks every field silver
 * relies on, and adds the typed columns. A line that breaks any rule gets a {@code reject_reason}
 * naming every broken rule, and null typed columns; a good line gets a null reason.
 *
 * <p>Every scalar is read as a string and cast here, so a value of the wrong type becomes a
 * reason instead of a silently null field. Amounts are checked against the decimal type before
 * the cast, so no digit CoinCap sent is ever rounded away.
 */
public final class BronzeRecords {
    /** CoinCap's asset fields in both snapshot kinds' objects (CoinCap's names, not ours). */
    private static final String ASSET_STRUCT = "STRUCT<id: STRING, rank: STRING, symbol: STRING, name: STRING, supply: STRING,"
            + " maxSupply: STRING, marketCapUsd: STRING, volumeUsd24Hr: STRING, priceUsd: STRING, changePercent24Hr: STRING,"
            + " vwap24Hr: STRING, dilutedMarketCapUsd: STRING, explorer: STRING, tokens: STRING, time: STRING,"
            + " circulatingSupply: STRING>";
    private static final String LISTING_STRUCT = "STRUCT<id: STRING, symbol: STRING, name: STRING, maxSupply: STRING,"
            + " explorer: STRING, tokens: STRING>";

    /**
     * The envelope's fields, named by core's {@link EnvelopeFields}, all read as strings. The SQL
     * below refers to them as {@code e.<field>}: a renamed field fails the SQL's analysis in tests.
     */
    static final String ENVELOPE_SCHEMA = String.join(", ",
            EnvelopeFields.TYPE + " STRING", EnvelopeFields.SCHEMA_VERSION + " STRING",
            EnvelopeFields.LOGICAL_DATE + " STRING", EnvelopeFields.RUN_ID + " STRING", EnvelopeFields.SOURCE + " STRING",
            EnvelopeFields.FETCHED_AT + " STRING", EnvelopeFields.ASSET_ID + " STRING",
            EnvelopeFields.SNAPSHOT_KIND + " STRING", EnvelopeFields.RESPONSE_TIMESTAMP + " STRING",
            EnvelopeFields.INDEX + " STRING", EnvelopeFields.COUNT + " STRING",
            EnvelopeFields.ASSET + " " + ASSET_STRUCT, EnvelopeFields.LISTING + " " + LISTING_STRUCT, "_corrupt STRING");
    private static final String HISTORY = "'" + SnapshotKind.HISTORY.label() + "'";

    /** Up to 22 integer and 16 fraction digits: exactly what DECIMAL(38,16) holds. */
    private static final String DECIMAL_TEXT = "'^-?[0-9]{1,22}(\\\\.[0-9]{1,16})?$'";
    private static final String COUNT_TEXT = "'^[0-9]{1,9}$'";

    private BronzeRecords() {
    }

    /** Adds the parsed, checked and typed columns to {@link BronzeLines#read}'s lines. */
    public static Dataset<Row> parse(Dataset<Row> lines) {
        Dataset<Row> parsed = lines.selectExpr("*", "from_json(raw_line, '" + ENVELOPE_SCHEMA + "',"
                + " map('mode', 'PERMISSIVE', 'columnNameOfCorruptRecord', '_corrupt')) AS e");
        // One set of columns whatever the snapshot kind: history points carry price, supply and time;
        // the listing they were chosen from carries the names.
        Dataset<Row> normalized = parsed.selectExpr("*",
                "e.snapshotKind = " + HISTORY + " AS is_history",
                "CASE WHEN e.snapshotKind = " + HISTORY + " THEN e.listing.id ELSE e.asset.id END AS object_id",
                "CASE WHEN e.snapshotKind = " + HISTORY + " THEN e.listing.symbol ELSE e.asset.symbol END AS symbol",
                "CASE WHEN e.snapshotKind = " + HISTORY + " THEN e.listing.name ELSE e.asset.name END AS name",
                "CASE WHEN e.snapshotKind = " + HISTORY + " THEN e.listing.explorer ELSE e.asset.explorer END AS explorer",
                "CASE WHEN e.snapshotKind = " + HISTORY + " THEN e.listing.tokens ELSE e.asset.tokens END AS tokens",
                "CASE WHEN e.snapshotKind = " + HISTORY + " THEN e.listing.maxSupply ELSE e.asset.maxSupply END AS max_supply_text",
                "CASE WHEN e.snapshotKind = " + HISTORY + " THEN e.asset.circulatingSupply ELSE e.asset.supply END AS supply_text",
                "CASE WHEN e.snapshotKind = " + HISTORY + " THEN e.asset.time ELSE e.responseTimestamp END AS snapshot_millis_text",
                "try_cast(e.logicalDate AS DATE) AS logical_date");
        return normalized.selectExpr("*", "CASE WHEN e IS NULL OR e._corrupt IS NOT NULL THEN 'line is not a JSON object'"
                        + " ELSE nullif(concat_ws('; ', " + String.join(", ", rules()) + "), '') END AS reject_reason")
                .selectExpr("*",
                        "reject_reason IS NULL AS valid",
                        "timestamp_millis(try_cast(snapshot_millis_text AS BIGINT)) AS snapshot_ts_parsed",
                        "try_cast(e.fetchedAt AS TIMESTAMP) AS fetched_at_parsed");
    }

    /** Each rule is a CASE giving its message when broken and null otherwise. */
    private static List<String> rules() {
        List<String> rules = new ArrayList<>();
        rules.add(rule("kafka_partition IS NULL", "'the object name is not a bronze key (<topic>+<partition>+<offset>.jsonl)'"));
        rules.add(rule("coalesce(e.type, '') <> '" + EnvelopeCodec.TYPE_ASSET + "'",
                "concat('type ', " + shown("e.type") + ", ' is not " + EnvelopeCodec.TYPE_ASSET + "')"));
        rules.add(rule("coalesce(e.schemaVersion, '') <> '" + EnvelopeCodec.SCHEMA_VERSION + "'", "concat('unsupported schemaVersion ', " + shown("e.schemaVersion") + ")"));
        rules.add(rule("logical_date IS NULL", "concat('logicalDate ', " + shown("e.logicalDate") + ", ' is not a date')"));
        rules.add(rule("logical_date <> bronze_date", "concat('logicalDate ', e.logicalDate, ' lies outside its bronze partition dt=', bronze_date)"));
        rules.add(rule("coalesce(trim(e.runId), '') = ''", "'runId is missing'"));
        rules.add(rule("coalesce(e.source, '') NOT IN ('" + Batch.SOURCE_API + "', '" + Batch.SOURCE_SIMULATED + "')",
                "concat('source ', " + shown("e.source") + ", ' is unknown')"));
        rules.add(rule("try_cast(e.fetchedAt AS TIMESTAMP) IS NULL", "concat('fetchedAt ', " + shown("e.fetchedAt") + ", ' is not a timestamp')"));
        rules.add(rule("coalesce(trim(e.assetId), '') = ''", "'assetId is missing'"));
        rules.add(rule("coalesce(e.snapshotKind, '') NOT IN ('" + SnapshotKind.LIVE.label() + "', " + HISTORY + ")",
                "concat('snapshotKind ', " + shown("e.snapshotKind") + ", ' is unknown')"));
        rules.add(rule("object_id IS DISTINCT FROM e.assetId",
                "concat('the asset object''s id ', " + shown("object_id") + ", ' differs from assetId ', " + shown("e.assetId") + ")"));
        rules.add(rule("coalesce(trim(symbol), '') = ''", "'symbol is missing'"));
        rules.add(rule("coalesce(trim(name), '') = ''", "'name is missing'"));
        rules.add(rule("NOT coalesce(snapshot_millis_text RLIKE '^[0-9]{1,15}$', false)",
                "concat('snapshot time ', " + shown("snapshot_millis_text") + ", ' is not epoch milliseconds')"));
        rules.add(rule("logical_date IS NOT NULL AND snapshot_millis_text RLIKE '^[0-9]{1,15}$'"
                        + " AND NOT (timestamp_millis(CAST(snapshot_millis_text AS BIGINT)) >= CAST(logical_date AS TIMESTAMP)"
                        + " AND timestamp_millis(CAST(snapshot_millis_text AS BIGINT)) < CAST(date_add(logical_date, 2) AS TIMESTAMP))",
                "concat('snapshot time ', timestamp_millis(CAST(snapshot_millis_text AS BIGINT)), ' is not within a day of the close of ', logical_date)"));
        rules.addAll(amount("priceUsd", "e.asset.priceUsd", "true", "> 0"));
        rules.addAll(amount("supply", "supply_text", "NOT is_history", ">= 0"));
        rules.addAll(amount("maxSupply", "max_supply_text", "false", ">= 0"));
        rules.addAll(amount("marketCapUsd", "e.asset.marketCapUsd", "NOT is_history", ">= 0"));
        rules.addAll(amount("volumeUsd24Hr", "e.asset.volumeUsd24Hr", "false", ">= 0"));
        rules.addAll(amount("changePercent24Hr", "e.asset.changePercent24Hr", "false", null));
        rules.addAll(amount("vwap24Hr", "e.asset.vwap24Hr", "false", "> 0"));
        rules.addAll(amount("dilutedMarketCapUsd", "e.asset.dilutedMarketCapUsd", "false", ">= 0"));
        rules.add(rule("NOT is_history AND e.asset.rank IS NULL", "'rank is missing'"));
        rules.add(rule("e.asset.rank IS NOT NULL AND NOT (e.asset.rank RLIKE " + COUNT_TEXT + " AND try_cast(e.asset.rank AS INT) >= 1)",
                "concat('rank ', " + shown("e.asset.rank") + ", ' is not a positive whole number')"));
        return rules;
    }

    /** The rules of one amount: present when required, a decimal that fits, and of the right sign. */
    private static List<String> amount(String field, String column, String requiredWhen, String sign) {
        List<String> rules = new ArrayList<>();
        rules.add(rule("(" + requiredWhen + ") AND " + column + " IS NULL", "'" + field + " is missing'"));
        rules.add(rule(column + " IS NOT NULL AND NOT " + column + " RLIKE " + DECIMAL_TEXT,
                "concat('" + field + " ', " + shown(column) + ", ' is not a decimal with at most 22 integer and 16 fraction digits')"));
        if (sign != null) {
            rules.add(rule(column + " RLIKE " + DECIMAL_TEXT + " AND NOT try_cast(" + column + " AS " + LakeTables.AMOUNT + ") " + sign,
                    "concat('" + field + " ', " + column + ", ' is not " + sign + "')"));
        }
        return rules;
    }

    private static String rule(String broken, String message) {
        return "CASE WHEN " + broken + " THEN " + message + " END";
    }

    /** A value in a message: quoted, cut at 80 characters, or "missing". */
    private static String shown(String column) {
        return "coalesce(concat('''', left(" + column + ", 80), ''''), 'missing')";
    }
}
