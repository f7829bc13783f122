package io.coinlake.spark;

import io.coinlake.bronze.BronzeObjectKey;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LakeCatalogProperties;
import io.coinlake.config.Settings;
import io.coinlake.s3.S3Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * The Spark settings that make the Iceberg catalog {@value #NAME} (a JDBC catalog whose tables live
 * in the S3 store, reached directly or through a REST catalog server) the session's default, and
 * let Spark read bronze through Hadoop's s3a. A pure function of the configuration, so it is tested
 * without Spark.
 */
public final class LakeCatalog {
    /** The catalog's name in Spark: tables are {@code lake.silver.x}, or {@code silver.x} since it is the default. */
    public static final String NAME = LakeCatalogProperties.NAME;
    private static final String SQLITE = "jdbc:sqlite:";

    private LakeCatalog() {
    }

    /** Spark configuration entries, secrets included: hand them to Spark only, never to a log. */
    public static Map<String, String> sparkConf(CoinlakeConfig config) {
        Map<String, String> conf = new LinkedHashMap<>();
        String prefix = "spark.sql.catalog." + NAME;
        conf.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        conf.put("spark.sql.defaultCatalog", NAME);
        conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
        LakeCatalogProperties.client(config).forEach((key, value) -> conf.put(prefix + "." + key, value));

        // Iceberg's paths say s3://; listing them (orphan-file removal) goes through Hadoop, so s3 is s3a too.
        conf.put("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        conf.put("spark.hadoop.fs.s3a.endpoint", config.s3Endpoint());
        conf.put("spark.hadoop.fs.s3a.endpoint.region", config.get(Settings.S3_REGION));
        conf.put("spark.hadoop.fs.s3a.path.style.access", "true");
        conf.put("spark.hadoop.fs.s3a.connection.ssl.enabled", Boolean.toString(config.s3Endpoint().startsWith("https:")));
        // Without a key, s3a keeps its own default chain of providers (environment, instance role, ...).
        if (!S3Connection.of(config).usesDefaultCredentials()) {
            conf.put("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            conf.put("spark.hadoop.fs.s3a.access.key", config.get(Settings.S3_ACCESS_KEY));
            conf.put("spark.hadoop.fs.s3a.secret.key", config.get(Settings.S3_SECRET_KEY).reveal());
        }
        return conf;
    }

    /**
     * Opens the catalog as Iceberg's own {@code JdbcCatalog} or {@code RESTCatalog}, with the
     * settings Spark gets, and loads every table (which reads its metadata from the S3 store): a
     * check that needs no Spark.
     *
     * @return what was found, e.g. "7 tables, metadata readable"
     */
    public static String check(CoinlakeConfig config) {
        Map<String, String> properties = new LinkedHashMap<>(LakeCatalogProperties.client(config));
        properties.remove("type");
        Optional<Path> sqlite = sqliteFile(config);
        if (sqlite.isPresent() && !Files.exists(sqlite.get())) {
            return "no tables yet: the SQLite file " + sqlite.get() + " appears with the first silver run";
        }
        String implementation = config.usesRestCatalog() ? RESTCatalog.class.getName() : JdbcCatalog.class.getName();
        Catalog catalog = CatalogUtil.loadCatalog(implementation, NAME, properties, null);
        int tables = 0;
        try {
            for (Namespace namespace : ((SupportsNamespaces) catalog).listNamespaces()) {
                for (TableIdentifier table : catalog.listTables(namespace)) {
                    catalog.loadTable(table);
                    tables++;
                }
            }
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // closing a checked catalog: nothing left to report
                }
            }
        }
        return tables + " tables, metadata readable";
    }

    /** The catalog's database file when the jobs open a SQLite catalog themselves (not through REST). */
    static Optional<Path> sqliteFile(CoinlakeConfig config) {
        String uri = config.catalogUri();
        return !config.usesRestCatalog() && uri.startsWith(SQLITE)
                ? Optional.of(Path.of(uri.substring(SQLITE.length())).toAbsolutePath()) : Optional.empty();
    }

    /** Where bronze of one date is, as Spark reads it. */
    public static String bronzeDirectory(CoinlakeConfig config, LocalDate date) {
        return "s3a://" + config.get(Settings.COINLAKE_BUCKET) + "/"
                + BronzeObjectKey.datePrefix(BronzeObjectKey.PREFIX, config.rawTopic(), date);
    }
}
