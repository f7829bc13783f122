package io.coinlake.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Iceberg catalog properties of the lake, defined once for every client: the Spark jobs (as
 * {@code spark.sql.catalog.lake.*}), the catalog check, and the embedded REST catalog server (the
 * JDBC catalog it serves). The maps hold secrets: hand them to Iceberg only, never to a log.
 */
public final class LakeCatalogProperties {
    /** The catalog's name: the JDBC catalog keeps its tables under it, and Spark calls the catalog so. */
    public static final String NAME = "lake";
    /** Iceberg does not retry SQLITE_BUSY itself; concurrent jobs wait this long for the catalog file. */
    public static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    private LakeCatalogProperties() {
    }

    /** What a client sets: a JDBC catalog, or a REST one when COINLAKE_CATALOG_TYPE=rest. Both read data files the same way. */
    public static Map<String, String> client(CoinlakeConfig config) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (config.usesRestCatalog()) {
            properties.put("type", "rest");
            properties.put("uri", config.restCatalogUrl());
            properties.put("warehouse", config.warehouse());
            properties.putAll(fileIo(config));
        } else {
            properties.put("type", "jdbc");
            properties.putAll(jdbc(config));
        }
        return properties;
    }

    /** The JDBC catalog itself, as clients open it in jdbc mode and as the REST catalog server serves it. */
    public static Map<String, String> jdbc(CoinlakeConfig config) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("uri", config.catalogUri());
        // V1 is the catalog schema with views; Iceberg creates it in an empty database on first use.
        properties.put("jdbc.schema-version", "V1");
        if (config.catalogUri().startsWith("jdbc:sqlite:")) {
            properties.put("jdbc.busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
        } else {
            properties.put("jdbc.user", config.get(Settings.COINLAKE_CATALOG_USER));
            properties.put("jdbc.password", config.get(Settings.COINLAKE_CATALOG_PASSWORD).reveal());
        }
        properties.put("warehouse", config.warehouse());
        properties.putAll(fileIo(config));
        return properties;
    }

    /** How Iceberg reads and writes the tables' files in the S3 store. */
    public static Map<String, String> fileIo(CoinlakeConfig config) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put("s3.endpoint", config.s3Endpoint());
        properties.put("s3.path-style-access", "true");
        // Without a key, S3FileIO takes the AWS SDK's default credentials chain, as S3Connection does.
        if (!config.get(Settings.S3_ACCESS_KEY).isEmpty()) {
            properties.put("s3.access-key-id", config.get(Settings.S3_ACCESS_KEY));
            properties.put("s3.secret-access-key", config.get(Settings.S3_SECRET_KEY).reveal());
        }
        properties.put("client.region", config.get(Settings.S3_REGION));
        return properties;
    }
}
