package io.coinlake.spark;

import static io.coinlake.spark.table.LakeColumn.optional;
import static io.coinlake.spark.table.LakeColumn.required;
import static io.coinlake.spark.table.LakeTypes.BOOLEAN;
import static io.coinlake.spark.table.LakeTypes.DATE;
import static io.coinlake.spark.table.LakeTypes.INT;
import static io.coinlake.spark.table.LakeTypes.LONG;
import static io.coinlake.spark.table.LakeTypes.STRING;
import static io.coinlake.spark.table.LakeTypes.TIMESTAMP;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.spark.gold.GoldTables;
import io.coinlake.spark.table.LakeColumn;
import io.coinlake.spark.table.LakePartition;
import io.coinlake.spark.table.LakeTable;
import io.coinlake.spark.table.LakeTypes;
import io.coinlake.spark.table.SchemaEvolution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * The definition of every table of the lake: the one place a table's columns, grain,
 * partitioning and properties are stated (gold's are in {@link GoldTables}, with their SQL). Jobs create missing tables from it and bring existing
 * ones up to it ({@link SchemaEvolution}) before writing; docs/data-model.md shows it and a test
 * keeps them equal. A new column, a widened type or a rename is a change here (a rename with
 * {@link LakeColumn#renamedFrom}); see docs/schema-evolution.md.
 */
public final class LakeTables {
    /** {@link LakeTypes#AMOUNT} in Spark SQL, for casts. */
    public static final String AMOUNT = "DECIMAL(38,16)";

    public static final LakeTable ASSET_SNAPSHOTS = new LakeTable("lake.silver.asset_snapshots",
            List.of("snapshot_date", "asset_id", "snapshot_ts"), LakePartition.byMonth("snapshot_date"), true, List.of(
            required("asset_id", STRING, "CoinCap asset id, e.g. bitcoin"),
            required("snapshot_ts", TIMESTAMP, "when CoinCap's values were current: the response timestamp of a live"
                    + " snapshot, the point's time of a history snapshot (UTC)"),
            required("snapshot_date", DATE, "the UTC day the snapshot stands for (its close; the batch's logical date)"),
            required("snapshot_kind", STRING, "live (/assets) or history (/assets/{id}/history)"),
            optional("rank", INT, "market-cap rank; null for history snapshots (CoinCap's history has none)"),
            required("price_usd", LakeTypes.AMOUNT, "price in USD, every digit CoinCap sent; always > 0"),
            optional("supply", LakeTypes.AMOUNT, "circulating supply; null when CoinCap sent none"),
            optional("max_supply", LakeTypes.AMOUNT, "maximum supply; null when the asset has none"),
            optional("market_cap_usd", LakeTypes.AMOUNT, "supply × price, as CoinCap sent it"),
            optional("volume_usd_24h", LakeTypes.AMOUNT, "trading volume of the last 24 hours in USD"),
            optional("change_percent_24h", LakeTypes.AMOUNT, "price change over the last 24 hours, in percent"),
            optional("vwap_24h", LakeTypes.AMOUNT, "volume-weighted average price of the last 24 hours"),
            optional("diluted_market_cap_usd", LakeTypes.AMOUNT, "price × max supply, when CoinCap sends it"
                    + " (dilutedMarketCapUsd; the API v3 does not yet, the simulator does with"
                    + " COINCAP_SIMULATOR_NEW_FIELDS=true); null before the column was added"),
            required("data_source", STRING, "coincap-api or simulated"),
            required("run_id", STRING, "the produce run that fetched the values"),
            required("fetched_at", TIMESTAMP, "when the producer received the values"),
            required("source_object", STRING, "the bronze object the row was read from"),
            required("kafka_partition", INT, "the Kafka record the row was read from: its partition"),
            required("kafka_offset", LONG, "and its offset"),
            required("ingested_at", TIMESTAMP, "when silver stored this version of the row")))
            .partitionedBefore(LakePartition.byDay("snapshot_date"));

    public static final LakeTable ASSETS = new LakeTable("lake.silver.assets", List.of("asset_id"), null, true, List.of(
            required("asset_id", STRING, "the key"),
            required("symbol", STRING, "ticker symbol of the asset's newest snapshot, e.g. BTC"),
            required("name", STRING, "name of the asset's newest snapshot"),
            optional("explorer_url", STRING, "block explorer of the asset's newest snapshot").renamedFrom("explorer"),
            optional("max_supply", LakeTypes.AMOUNT, "maximum supply of the asset's newest snapshot"),
            optional("tokens", STRING, "CoinCap v3's contract addresses per chain, as JSON"),
            required("first_seen_date", DATE, "the first snapshot date the asset appears on"),
            required("last_seen_date", DATE, "the last snapshot date the asset appears on"),
            required("attributes_as_of", TIMESTAMP, "the snapshot_ts the attributes come from"),
            required("updated_at", TIMESTAMP, "when silver last changed the row")));

    public static final LakeTable REJECTED_RECORDS = new LakeTable("lake.silver.rejected_records",
            List.of("source_object", "line_number"), LakePartition.byMonth("bronze_date"), true, List.of(
            required("bronze_date", DATE, "the dt= partition of the bronze object"),
            required("source_object", STRING, "the bronze object"),
            required("line_number", INT, "the line in it, from 1"),
            optional("kafka_partition", INT, "the Kafka record, for a replay or the console tools; null when the"
                    + " object name is not a bronze key"),
            optional("kafka_offset", LONG, "its offset"),
            optional("run_id", STRING, "the produce run, when the line could be read that far"),
            optional("asset_id", STRING, "the asset, when the line could be read that far"),
            required("reason", STRING, "every rule the line breaks, e.g. priceUsd -3 is not > 0"),
            required("raw_line", STRING, "the line exactly as in bronze"),
            required("rejected_at", TIMESTAMP, "when silver first rejected it")))
            .partitionedBefore(LakePartition.byDay("bronze_date"));

    /**
     * A log of a few rows per date and run: unpartitioned, since by day a run over a year wrote 365
     * files of ten rows each (40% of the files of a year's silver and gold, decisions.md 36).
     */
    public static final LakeTable QUALITY_CHECKS = new LakeTable("lake.audit.quality_checks",
            List.of("job_run_id", "check_date", "table_name", "check_name"), null, false, List.of(
            required("checked_at", TIMESTAMP, "when the run checked"),
            required("job", STRING, "silver or gold"),
            required("job_run_id", STRING, "the run, e.g. silver-20261128T201500Z-3fa9c1"),
            required("check_date", DATE, "the date checked"),
            required("table_name", STRING, "the table checked"),
            required("check_name", STRING, "the check (listed in decisions.md, 17)"),
            required("severity", STRING, "error fails the run and blocks publishing; warn is reported only"),
            required("passed", BOOLEAN, "whether the check passed"),
            optional("observed", STRING, "what the check saw"),
            optional("expected", STRING, "what it expected"))).partitionedBefore(LakePartition.byDay("check_date"));

    /** Every table, in the order they are listed to users. */
    public static final List<LakeTable> ALL = Stream.of(List.of(ASSET_SNAPSHOTS, ASSETS, REJECTED_RECORDS),
            GoldTables.DEFINITIONS, List.of(QUALITY_CHECKS)).flatMap(List::stream).toList();

    private LakeTables() {
    }

    /**
     * Creates what is missing and brings existing tables to their definitions, printing each
     * change. With the SQLite catalog a file lock makes concurrent runs take turns (threads of one
     * JVM take turns on the class lock): Iceberg's first-use set-up of a catalog database is not
     * safe to race.
     */
    public static synchronized void ensure(SparkSession spark, CoinlakeConfig config, Consumer<String> progress) {
        Optional<Path> sqlite = LakeCatalog.sqliteFile(config);
        if (sqlite.isEmpty()) {
            ensureAll(spark, progress);
            return;
        }
        Path lockFile = Path.of(sqlite.get() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            ensureAll(spark, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** The Iceberg catalog behind the session's {@value LakeCatalog#NAME} catalog. */
    public static Catalog icebergCatalog(SparkSession spark) {
        // Spark configures a catalog on first use from the thread's active session, not the one asked:
        // make it this session, or a session with its own catalog settings would get another's catalog.
        Option<SparkSession> active = SparkSession.getActiveSession();
        SparkSession.setActiveSession(spark);
        try {
            return ((SparkCatalog) spark.sessionState().catalogManager().catalog(LakeCatalog.NAME)).icebergCatalog();
        } finally {
            if (active.isDefined()) {
                SparkSession.setActiveSession(active.get());
            } else {
                SparkSession.clearActiveSession();
            }
        }
    }

    private static void ensureAll(SparkSession spark, Consumer<String> progress) {
        Catalog catalog = icebergCatalog(spark);
        for (LakeTable table : ALL) {
            spark.sql("CREATE NAMESPACE IF NOT EXISTS " + LakeCatalog.NAME + "." + table.identifier().namespace());
            if (!catalog.tableExists(table.identifier())) {
                Schema schema = table.schema();
                try {
                    catalog.buildTable(table.identifier(), schema).withPartitionSpec(table.spec(schema))
                            .withProperties(table.properties()).create();
                    continue;
                } catch (AlreadyExistsException e) {
                    // another process made it first: bring that one to the definition below
                }
            }
            List<String> changes = new SchemaEvolution(table).apply(catalog.loadTable(table.identifier()));
            if (!changes.isEmpty()) {
                progress.accept(table.shortName() + " brought to its definition: " + String.join("; ", changes));
            }
        }
        // Spark caches resolved tables per session: drop them so this session reads the new schemas.
        ALL.forEach(table -> spark.catalog().refreshTable(table.name()));
    }
}
