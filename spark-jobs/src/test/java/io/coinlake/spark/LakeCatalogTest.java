package io.coinlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.config.CoinlakeConfig;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeCatalogTest {
    @Test
    void theEmbeddedDefaultIsSqliteWithABusyTimeoutAndTheEmbeddedS3Server() {
        Map<String, String> conf = LakeCatalog.sparkConf(CoinlakeConfig.of(Map.of("COINLAKE_HOME", "/data/home")));

        assertThat(conf).containsEntry("spark.sql.defaultCatalog", "lake")
                .containsEntry("spark.sql.catalog.lake.uri", "jdbc:sqlite:/data/home/catalog/iceberg.db")
                .containsEntry("spark.sql.catalog.lake.jdbc.busy_timeout", "30000")
                .containsEntry("spark.sql.catalog.lake.warehouse", "s3://coinlake/warehouse")
                .containsEntry("spark.sql.catalog.lake.s3.endpoint", "http://127.0.0.1:19000")
                .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:19000")
                .containsEntry("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
                .containsEntry("spark.hadoop.fs.s3a.secret.key", "coinlake-local-secret")
                .doesNotContainKey("spark.sql.catalog.lake.jdbc.user");
    }

    @Test
    void aPostgresCatalogGetsItsCredentialsAndHttpsTurnsOnTls() {
        Map<String, String> conf = LakeCatalog.sparkConf(CoinlakeConfig.of(Map.of(
                "COINLAKE_CATALOG_URI", "jdbc:postgresql://db:5432/iceberg", "COINLAKE_CATALOG_USER", "iceberg",
                "COINLAKE_CATALOG_PASSWORD", "pw", "S3_ENDPOINT", "https://s3.example.com")));

        assertThat(conf).containsEntry("spark.sql.catalog.lake.jdbc.user", "iceberg")
                .containsEntry("spark.sql.catalog.lake.jdbc.password", "pw")
                .containsEntry("spark.hadoop.fs.s3a.connection.ssl.enabled", "true")
                .doesNotContainKey("spark.sql.catalog.lake.jdbc.busy_timeout");
    }

    @Test
    void theRestTypeSendsSparkToTheEmbeddedRestCatalogWithTheSameFileSettings() {
        Map<String, String> conf = LakeCatalog.sparkConf(CoinlakeConfig.of(Map.of("COINLAKE_HOME", "/data/home",
                "COINLAKE_CATALOG_TYPE", "rest", "COINLAKE_REST_CATALOG_PORT", "28181")));

        assertThat(conf).containsEntry("spark.sql.catalog.lake.type", "rest")
                .containsEntry("spark.sql.catalog.lake.uri", "http://127.0.0.1:28181")
                .containsEntry("spark.sql.catalog.lake.io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("spark.sql.catalog.lake.s3.endpoint", "http://127.0.0.1:19000")
                .containsEntry("spark.sql.catalog.lake.s3.secret-access-key", "coinlake-local-secret")
                .doesNotContainKeys("spark.sql.catalog.lake.jdbc.schema-version", "spark.sql.catalog.lake.jdbc.busy_timeout");
        // The jobs leave the SQLite file to the server: no file lock, no directory of their own.
        assertThat(LakeCatalog.sqliteFile(CoinlakeConfig.of(Map.of("COINLAKE_CATALOG_TYPE", "rest")))).isEmpty();
    }

    @Test
    void anExternalRestCatalogIsUsedAsGiven() {
        CoinlakeConfig config = CoinlakeConfig.of(Map.of("COINLAKE_CATALOG_TYPE", "rest",
                "COINLAKE_REST_CATALOG_URL", "https://catalog.example.com/api"));

        assertThat(config.usesEmbeddedRestCatalog()).isFalse();
        assertThat(LakeCatalog.sparkConf(config)).containsEntry("spark.sql.catalog.lake.uri", "https://catalog.example.com/api");
    }

    @Test
    void withoutAnAccessKeySparkLeavesCredentialsToTheDefaultChains() {
        Map<String, String> conf = LakeCatalog.sparkConf(CoinlakeConfig.of(Map.of("S3_ACCESS_KEY", "",
                "S3_ENDPOINT", "https://s3.eu-west-1.amazonaws.com")));

        assertThat(conf).doesNotContainKeys("spark.hadoop.fs.s3a.aws.credentials.provider", "spark.hadoop.fs.s3a.access.key",
                        "spark.hadoop.fs.s3a.secret.key", "spark.sql.catalog.lake.s3.access-key-id",
                        "spark.sql.catalog.lake.s3.secret-access-key")
                .containsEntry("spark.hadoop.fs.s3a.endpoint", "https://s3.eu-west-1.amazonaws.com");
    }

    @Test
    void bronzeOfADateIsItsDtDirectoryThroughS3a() {
        assertThat(LakeCatalog.bronzeDirectory(CoinlakeConfig.of(Map.of()), LocalDate.of(2026, 11, 1)))
                .isEqualTo("s3a://coinlake/bronze/coincap.assets.raw/dt=2026-11-01/");
    }
}
