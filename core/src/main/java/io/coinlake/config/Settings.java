package io.coinlake.config;

import io.coinlake.faults.FaultPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every setting coinlake knows, grouped by concern. Add a setting here and it is parsed, validated and documented everywhere. */
public final class Settings {
    private Settings() {
    }

    /** Where the CoinCap data comes from. */
    public enum Source {
        /** The real API when COINCAP_API_KEY is set, the offline simulator otherwise. */
        AUTO,
        API,
        SIMULATOR
    }

    /** How clients reach the Iceberg catalog. */
    public enum CatalogType {
        /** Each client opens the JDBC catalog database itself. */
        JDBC,
        /** Through an Iceberg REST catalog server: the embedded one over the JDBC catalog, or COINLAKE_REST_CATALOG_URL. */
        REST
    }

    /** How the snapshot of a date is fetched from the API (see docs/decisions.md, "What a snapshot of date D is"). */
    public enum SnapshotMode {
        /** LIVE for today and yesterday (UTC), HISTORY for older dates. */
        AUTO,
        /** /assets: the market as it is now. */
        LIVE,
        /** /assets/{id}/history: the last hourly point of the date for each asset. */
        HISTORY
    }

    // --- CoinCap source -------------------------------------------------------------------
    public static final Setting<Secret> COINCAP_API_KEY = Setting.secret("COINCAP_API_KEY",
            "CoinCap API v3 key, sent as 'Authorization: Bearer'. Empty: the offline simulator is used.");
    public static final Setting<String> COINCAP_BASE_URL = Setting.string("COINCAP_BASE_URL",
            "https://rest.coincap.io/v3", "CoinCap API v3 base URL.", Validators.httpUrl());
    public static final Setting<Source> COINCAP_SOURCE = Setting.choice("COINCAP_SOURCE", Source.AUTO,
            "Where snapshots come from: auto uses the API when a key is set and the simulator otherwise.");
    public static final Setting<SnapshotMode> COINCAP_SNAPSHOT_MODE = Setting.choice("COINCAP_SNAPSHOT_MODE",
            SnapshotMode.AUTO, "How the API snapshot of a date is taken: live /assets or per-asset hourly history.");
    public static final Setting<Integer> COINCAP_TIMEOUT_SECONDS = Setting.integer("COINCAP_TIMEOUT_SECONDS", 20,
            "Timeout of one HTTP request to CoinCap, in seconds.", Validators.between(1, 300));
    public static final Setting<Integer> COINCAP_MAX_ATTEMPTS = Setting.integer("COINCAP_MAX_ATTEMPTS", 6,
            "Attempts per request for timeouts, 5xx and per-minute 429s (1 = no retry).", Validators.between(1, 20));
    public static final Setting<Integer> COINCAP_RETRY_BUDGET_SECONDS = Setting.integer("COINCAP_RETRY_BUDGET_SECONDS", 120,
            "Longest total wait spent in retries of one request, in seconds.", Validators.between(0, 3600));
    public static final Setting<FaultPlan> COINCAP_SIMULATOR_FAULTS = Setting.of("COINCAP_SIMULATOR_FAULTS",
            FaultPlan.class, "", "Faults the simulator injects, as fault[:times],... e.g. 'server-error:2,rate-limit'."
                    + " Faults: " + FaultPlan.knownLabels() + ".", FaultPlan::parse);
    public static final Setting<Boolean> COINCAP_SIMULATOR_NEW_FIELDS = Setting.bool("COINCAP_SIMULATOR_NEW_FIELDS", false,
            "The schema-evolution example: the simulator's live assets also carry 'dilutedMarketCapUsd', a field the"
                    + " real API does not send, which silver stores in asset_snapshots.diluted_market_cap_usd.");
    public static final Setting<Integer> COINLAKE_ASSET_COUNT = Setting.integer("COINLAKE_ASSET_COUNT", 20,
            "Number of top assets (by rank) in each daily snapshot.", Validators.between(1, 2000));

    // --- Storage and Kafka ----------------------------------------------------------------
    public static final Setting<Path> COINLAKE_HOME = Setting.path("COINLAKE_HOME", "./.coinlake",
            "Data home of the embedded stack: broker data, logs, run manifests.");
    public static final Setting<Path> COINLAKE_CACHE_DIR = Setting.path("COINLAKE_CACHE_DIR",
            System.getProperty("user.home") + "/.cache/coinlake",
            "What coinlake keeps only to go faster, shared by every data home: the Spark job JVM's class-data"
                    + " archives (about 220 MB each, of the 3 builds used last). Safe to delete.");
    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = Setting.string("KAFKA_BOOTSTRAP_SERVERS", "",
            "Kafka cluster to use. Empty: the embedded broker started by './coinlake up'.",
            Validators.optionalHostPortList());
    public static final Setting<Integer> COINLAKE_KAFKA_PORT = Setting.integer("COINLAKE_KAFKA_PORT", 19092,
            "Port of the embedded broker on 127.0.0.1 (its controller uses the next port).", Validators.between(1024, 65534));
    public static final Setting<String> COINLAKE_RAW_TOPIC = Setting.string("COINLAKE_RAW_TOPIC", "coincap.assets.raw",
            "Topic holding raw CoinCap snapshots: the replay log that bronze is landed from.", Validators.topicName());
    public static final Setting<Integer> COINLAKE_RAW_TOPIC_PARTITIONS = Setting.integer("COINLAKE_RAW_TOPIC_PARTITIONS", 3,
            "Partitions of the raw topic when coinlake creates it.", Validators.between(1, 1000));

    public static final Setting<String> COINLAKE_DLQ_TOPIC = Setting.string("COINLAKE_DLQ_TOPIC", "coincap.assets.dlq",
            "Dead-letter topic: raw records the bronze sink could not land, with the reason in headers.",
            Validators.topicName());

    // --- S3 store ---------------------------------------------------------------------------
    public static final Setting<String> S3_ENDPOINT = Setting.string("S3_ENDPOINT", "",
            "S3 API endpoint (MinIO, real S3). Empty: the embedded S3 server started by './coinlake up'.",
            Validators.optionalHttpUrl());
    public static final Setting<Integer> COINLAKE_S3_PORT = Setting.integer("COINLAKE_S3_PORT", 19000,
            "Port of the embedded S3 server on 127.0.0.1.", Validators.between(1024, 65535));
    public static final Setting<String> S3_REGION = Setting.string("S3_REGION", "us-east-1",
            "Region requests are signed for.", Validators.notEmpty());
    public static final Setting<String> S3_ACCESS_KEY = Setting.string("S3_ACCESS_KEY", "coinlake",
            "Access key of the S3 store (the embedded server accepts this one). Empty: the AWS SDK's default"
                    + " credentials chain (environment, profile, web identity, instance role), for a store at S3_ENDPOINT"
                    + " or AWS S3; the embedded server needs a key.", Validator.any());
    public static final Setting<Secret> S3_SECRET_KEY = Setting.secret("S3_SECRET_KEY", "coinlake-local-secret",
            "Secret key of the S3 store. The default only suits the embedded server on 127.0.0.1.");
    public static final Setting<String> COINLAKE_BUCKET = Setting.string("COINLAKE_BUCKET", "coinlake",
            "Bucket of the lake: bronze objects under bronze/, table data later under warehouse/.", Validators.bucketName());

    // --- Kafka Connect ----------------------------------------------------------------------
    public static final Setting<String> CONNECT_URL = Setting.string("CONNECT_URL", "",
            "Kafka Connect REST URL. Empty: the embedded Connect worker started by './coinlake up'.",
            Validators.optionalHttpUrl());
    public static final Setting<Integer> COINLAKE_CONNECT_PORT = Setting.integer("COINLAKE_CONNECT_PORT", 18083,
            "REST port of the embedded Connect worker on 127.0.0.1.", Validators.between(1024, 65535));

    // --- Spark and the Iceberg catalog -------------------------------------------------------
    public static final Setting<String> SPARK_MASTER = Setting.string("SPARK_MASTER", "local[2]",
            "Spark master of the silver and gold jobs when they are not started by spark-submit (which sets its own).",
            Validators.notEmpty());
    public static final Setting<String> SPARK_DRIVER_MEMORY = Setting.string("SPARK_DRIVER_MEMORY", "2g",
            "Heap of the Spark driver JVM the CLI starts (local mode runs the executors in it too).",
            Validators.jvmMemory());
    public static final Setting<Integer> SPARK_SHUFFLE_PARTITIONS = Setting.integer("SPARK_SHUFFLE_PARTITIONS", 4,
            "spark.sql.shuffle.partitions: Spark's 200 only adds overhead for daily batches on a few cores.",
            Validators.between(1, 10000));
    public static final Setting<CatalogType> COINLAKE_CATALOG_TYPE = Setting.choice("COINLAKE_CATALOG_TYPE",
            CatalogType.JDBC, "How the Spark jobs and other engines reach the Iceberg catalog: jdbc opens the catalog"
                    + " database (COINLAKE_CATALOG_URI) directly; rest goes through an Iceberg REST catalog server, the"
                    + " one './coinlake up' starts over that database unless COINLAKE_REST_CATALOG_URL names another.");
    public static final Setting<String> COINLAKE_REST_CATALOG_URL = Setting.string("COINLAKE_REST_CATALOG_URL", "",
            "An external Iceberg REST catalog, used when COINLAKE_CATALOG_TYPE=rest. Empty: the embedded REST catalog"
                    + " server started by './coinlake up'.", Validators.optionalHttpUrl());
    public static final Setting<Integer> COINLAKE_REST_CATALOG_PORT = Setting.integer("COINLAKE_REST_CATALOG_PORT", 18181,
            "Port of the embedded REST catalog server on 127.0.0.1 (COINLAKE_CATALOG_TYPE=rest).",
            Validators.between(1024, 65535));
    public static final Setting<String> COINLAKE_CATALOG_URI = Setting.string("COINLAKE_CATALOG_URI", "",
            "JDBC URI of the Iceberg catalog, e.g. jdbc:postgresql://host:5432/iceberg."
                    + " Empty: a SQLite file at <COINLAKE_HOME>/catalog/iceberg.db.", Validators.optionalJdbcUri());
    public static final Setting<String> COINLAKE_CATALOG_USER = Setting.string("COINLAKE_CATALOG_USER", "",
            "User of the JDBC catalog database (not used by SQLite).", Validator.any());
    public static final Setting<Secret> COINLAKE_CATALOG_PASSWORD = Setting.secret("COINLAKE_CATALOG_PASSWORD",
            "Password of the JDBC catalog database (not used by SQLite).");
    public static final Setting<String> COINLAKE_WAREHOUSE = Setting.string("COINLAKE_WAREHOUSE", "",
            "Where Iceberg table data goes. Empty: s3://<COINLAKE_BUCKET>/warehouse.", Validators.optionalS3Uri());

    // --- Table maintenance ('./coinlake maintain') ------------------------------------------
    public static final Setting<Integer> COINLAKE_SNAPSHOTS_KEPT = Setting.integer("COINLAKE_SNAPSHOTS_KEPT", 10,
            "Most snapshots 'maintain' keeps per table (the newest); older ones expire and their unused files are deleted.",
            Validators.between(1, 10000));
    public static final Setting<Integer> COINLAKE_SNAPSHOT_MAX_AGE_HOURS = Setting.integer("COINLAKE_SNAPSHOT_MAX_AGE_HOURS",
            168, "Snapshots (and the audit branches of failed runs) older than this expire at 'maintain', even among"
                    + " the newest COINLAKE_SNAPSHOTS_KEPT.", Validators.between(0, 100000));
    public static final Setting<Integer> COINLAKE_TARGET_FILE_SIZE_MB = Setting.integer("COINLAKE_TARGET_FILE_SIZE_MB", 128,
            "Size 'maintain' compacts a partition's data files towards.", Validators.between(1, 4096));
    public static final Setting<Integer> COINLAKE_ORPHAN_MIN_AGE_HOURS = Setting.integer("COINLAKE_ORPHAN_MIN_AGE_HOURS", 24,
            "Files no snapshot refers to are deleted by 'maintain' once older than this: a younger one may belong to a"
                    + " write still in progress.", Validators.between(0, 100000));

    public static final List<Setting<?>> ALL = List.of(
            COINCAP_API_KEY, COINCAP_BASE_URL, COINCAP_SOURCE, COINCAP_SNAPSHOT_MODE, COINCAP_TIMEOUT_SECONDS,
            COINCAP_MAX_ATTEMPTS, COINCAP_RETRY_BUDGET_SECONDS, COINCAP_SIMULATOR_FAULTS, COINCAP_SIMULATOR_NEW_FIELDS,
            COINLAKE_ASSET_COUNT,
            COINLAKE_HOME, COINLAKE_CACHE_DIR, KAFKA_BOOTSTRAP_SERVERS, COINLAKE_KAFKA_PORT, COINLAKE_RAW_TOPIC,
            COINLAKE_RAW_TOPIC_PARTITIONS, COINLAKE_DLQ_TOPIC, S3_ENDPOINT, COINLAKE_S3_PORT, S3_REGION, S3_ACCESS_KEY,
            S3_SECRET_KEY, COINLAKE_BUCKET, CONNECT_URL, COINLAKE_CONNECT_PORT, SPARK_MASTER, SPARK_DRIVER_MEMORY,
            SPARK_SHUFFLE_PARTITIONS, COINLAKE_CATALOG_TYPE, COINLAKE_REST_CATALOG_URL, COINLAKE_REST_CATALOG_PORT,
            COINLAKE_CATALOG_URI, COINLAKE_CATALOG_USER, COINLAKE_CATALOG_PASSWORD,
            COINLAKE_WAREHOUSE, COINLAKE_SNAPSHOTS_KEPT, COINLAKE_SNAPSHOT_MAX_AGE_HOURS, COINLAKE_TARGET_FILE_SIZE_MB,
            COINLAKE_ORPHAN_MIN_AGE_HOURS);

    public static final Map<String, Setting<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Setting::name, Function.identity()));

    /** Names in these families are ours: an unknown one in a .env file is a typo, not someone else's variable. */
    static boolean looksLikeOurs(String name) {
        return name.startsWith("COINLAKE_") || name.startsWith("COINCAP_");
    }
}
