package io.coinlake.spark;

import io.coinlake.config.CoinlakeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The tables of the lake, created on first use. Each table's grain and columns are documented in
 * docs/data-model.md; a change here is a schema change and belongs there too.
 */
public final class LakeTables {
    public static final String ASSET_SNAPSHOTS = "lake.silver.asset_snapshots";
    public static final String ASSETS = "lake.silver.assets";
    public static final String REJECTED_RECORDS = "lake.silver.rejected_records";
    public static final String QUALITY_CHECKS = "lake.audit.quality_checks";
    public static final String FCT_ASSET_DAILY = "lake.gold.fct_asset_daily";
    public static final String DIM_ASSET = "lake.gold.dim_asset";
    public static final String MARKET_DAILY = "lake.gold.market_daily";

    /** Every price and amount: CoinCap sends up to 22 integer and 16 fraction digits as strings. */
    public static final String AMOUNT = "DECIMAL(38,16)";

    /** Two jobs committing to one table at once retry on Iceberg's optimistic-concurrency conflicts. */
    private static final String PROPERTIES = "TBLPROPERTIES ('format-version'='2', 'commit.retry.num-retries'='20',"
            + " 'commit.retry.min-wait-ms'='200', 'write.merge.isolation-level'='serializable')";

    private static final List<String> DDL = List.of(
            "CREATE NAMESPACE IF NOT EXISTS lake.silver",
            "CREATE NAMESPACE IF NOT EXISTS lake.audit",
            "CREATE NAMESPACE IF NOT EXISTS lake.gold",
            "CREATE TABLE IF NOT EXISTS " + ASSET_SNAPSHOTS + " ("
                    + " asset_id STRING NOT NULL COMMENT 'CoinCap asset id, e.g. bitcoin',"
                    + " snapshot_ts TIMESTAMP NOT NULL COMMENT 'UTC instant CoinCap reported the values for',"
                    + " snapshot_date DATE NOT NULL COMMENT 'UTC day the snapshot stands for (its close)',"
                    + " snapshot_kind STRING NOT NULL COMMENT 'live (/assets) or history (/assets/{id}/history)',"
                    + " rank INT COMMENT 'market-cap rank; null for history snapshots',"
                    + " price_usd " + AMOUNT + " NOT NULL,"
                    + " supply " + AMOUNT + " COMMENT 'circulating supply',"
                    + " max_supply " + AMOUNT + ","
                    + " market_cap_usd " + AMOUNT + ","
                    + " volume_usd_24h " + AMOUNT + ","
                    + " change_percent_24h " + AMOUNT + ","
                    + " vwap_24h " + AMOUNT + ","
                    + " data_source STRING NOT NULL COMMENT 'coincap-api or simulated',"
                    + " run_id STRING NOT NULL COMMENT 'produce run that fetched the values',"
                    + " fetched_at TIMESTAMP NOT NULL COMMENT 'when the producer received the values',"
                    + " source_object STRING NOT NULL COMMENT 'bronze object the row was read from',"
                    + " kafka_partition INT NOT NULL,"
                    + " kafka_offset BIGINT NOT NULL,"
                    + " ingested_at TIMESTAMP NOT NULL COMMENT 'when silver stored this version of the row')"
                    + " USING iceberg PARTITIONED BY (snapshot_date) " + PROPERTIES,
            "CREATE TABLE IF NOT EXISTS " + ASSETS + " ("
                    + " asset_id STRING NOT NULL,"
                    + " symbol STRING NOT NULL,"
                    + " name STRING NOT NULL,"
                    + " explorer STRING,"
                    + " max_supply " + AMOUNT + ","
                    + " tokens STRING COMMENT 'CoinCap v3 tokens object (contract addresses per chain) as JSON',"
                    + " first_seen_date DATE NOT NULL,"
                    + " last_seen_date DATE NOT NULL,"
                    + " attributes_as_of TIMESTAMP NOT NULL COMMENT 'snapshot_ts the current attributes come from',"
                    + " updated_at TIMESTAMP NOT NULL)"
                    + " USING iceberg " + PROPERTIES,
            "CREATE TABLE IF NOT EXISTS " + REJECTED_RECORDS + " ("
                    + " bronze_date DATE NOT NULL COMMENT 'dt= partition of the bronze object',"
                    + " source_object STRING NOT NULL,"
                    + " line_number INT NOT NULL COMMENT 'from 1',"
                    + " kafka_partition INT COMMENT 'null when the object name is not a bronze key',"
                    + " kafka_offset BIGINT,"
                    + " run_id STRING,"
                    + " asset_id STRING,"
                    + " reason STRING NOT NULL,"
                    + " raw_line STRING NOT NULL,"
                    + " rejected_at TIMESTAMP NOT NULL)"
                    + " USING iceberg PARTITIONED BY (bronze_date) " + PROPERTIES,
            "CREATE TABLE IF NOT EXISTS " + QUALITY_CHECKS + " ("
                    + " checked_at TIMESTAMP NOT NULL,"
                    + " job STRING NOT NULL,"
                    + " job_run_id STRING NOT NULL,"
                    + " check_date DATE NOT NULL,"
                    + " table_name STRING NOT NULL,"
                    + " check_name STRING NOT NULL,"
                    + " severity STRING NOT NULL COMMENT 'error fails the job; warn is reported only',"
                    + " passed BOOLEAN NOT NULL,"
                    + " observed STRING,"
                    + " expected STRING)"
                    + " USING iceberg PARTITIONED BY (check_date) " + PROPERTIES,
            "CREATE TABLE IF NOT EXISTS " + FCT_ASSET_DAILY + " ("
                    + " day DATE NOT NULL,"
                    + " asset_id STRING NOT NULL,"
                    + " open_price_usd " + AMOUNT + " NOT NULL COMMENT 'price of the day''s first snapshot',"
                    + " high_price_usd " + AMOUNT + " NOT NULL,"
                    + " low_price_usd " + AMOUNT + " NOT NULL,"
                    + " close_price_usd " + AMOUNT + " NOT NULL COMMENT 'price of the day''s last snapshot',"
                    + " avg_price_usd " + AMOUNT + " NOT NULL COMMENT 'mean of the day''s snapshot prices',"
                    + " snapshot_count INT NOT NULL,"
                    + " volume_usd_24h " + AMOUNT + " COMMENT 'of the last snapshot',"
                    + " market_cap_usd " + AMOUNT + " COMMENT 'of the last snapshot',"
                    + " market_cap_rank INT COMMENT 'rank by market_cap_usd among the day''s assets; ties share a rank',"
                    + " rank_change INT COMMENT 'previous day''s rank minus this one: positive = moved up; null without a previous day',"
                    + " daily_return DOUBLE COMMENT 'close / previous calendar day''s close - 1',"
                    + " dod_change_pct DOUBLE COMMENT 'daily_return in percent',"
                    + " wow_change_pct DOUBLE COMMENT 'close against the close 7 calendar days earlier, in percent',"
                    + " avg_close_7d " + AMOUNT + " COMMENT 'mean close over the 7 calendar days ending here, of the days present',"
                    + " avg_close_30d " + AMOUNT + " COMMENT 'mean close over the 30 calendar days ending here, of the days present',"
                    + " volatility_7d DOUBLE COMMENT 'sample standard deviation of daily_return over the 7 calendar days ending here',"
                    + " data_source STRING NOT NULL,"
                    + " computed_at TIMESTAMP NOT NULL)"
                    + " USING iceberg PARTITIONED BY (day) " + PROPERTIES,
            "CREATE TABLE IF NOT EXISTS " + MARKET_DAILY + " ("
                    + " day DATE NOT NULL,"
                    + " asset_count INT NOT NULL,"
                    + " total_market_cap_usd " + AMOUNT + ","
                    + " total_volume_usd_24h " + AMOUNT + ","
                    + " btc_dominance_pct DOUBLE COMMENT 'bitcoin''s share of total_market_cap_usd, in percent',"
                    + " top_gainer_asset_id STRING,"
                    + " top_gainer_change_pct DOUBLE,"
                    + " top_loser_asset_id STRING,"
                    + " top_loser_change_pct DOUBLE,"
                    + " computed_at TIMESTAMP NOT NULL)"
                    + " USING iceberg PARTITIONED BY (day) " + PROPERTIES,
            "CREATE TABLE IF NOT EXISTS " + DIM_ASSET + " ("
                    + " asset_id STRING NOT NULL,"
                    + " symbol STRING NOT NULL,"
                    + " name STRING NOT NULL,"
                    + " explorer STRING,"
                    + " max_supply " + AMOUNT + ","
                    + " first_seen_date DATE NOT NULL,"
                    + " last_seen_date DATE NOT NULL,"
                    + " current_rank INT COMMENT 'market_cap_rank on current_as_of',"
                    + " current_price_usd " + AMOUNT + ","
                    + " current_market_cap_usd " + AMOUNT + ","
                    + " current_as_of DATE COMMENT 'the newest day of gold.fct_asset_daily for the asset',"
                    + " updated_at TIMESTAMP NOT NULL)"
                    + " USING iceberg " + PROPERTIES);

    private LakeTables() {
    }

    /** The name users type: the catalog is the session default, so {@code silver.assets} for {@code lake.silver.assets}. */
    public static String shortName(String table) {
        return table.substring(table.indexOf('.') + 1);
    }

    /**
     * Creates what is missing. With the SQLite catalog a file lock makes concurrent first runs take
     * turns (threads of one JVM take turns on the class lock): Iceberg's first-use set-up of a
     * catalog database is not safe to race.
     */
    public static synchronized void ensure(SparkSession spark, CoinlakeConfig config) {
        Optional<Path> sqlite = LakeCatalog.sqliteFile(config);
        if (sqlite.isEmpty()) {
            DDL.forEach(spark::sql);
            return;
        }
        Path lockFile = Path.of(sqlite.get() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            DDL.forEach(spark::sql);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }
}
