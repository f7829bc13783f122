package io.coinlake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogSettingsTest {
    @Test
    void theDefaultCatalogIsASqliteFileInTheDataHomeAndTablesGoToTheLakeBucket() {
        CoinlakeConfig config = CoinlakeConfig.of(Map.of("COINLAKE_HOME", "/tmp/lake-home", "COINLAKE_BUCKET", "my-lake"));

        assertThat(config.usesEmbeddedCatalog()).isTrue();
        assertThat(config.catalogUri()).isEqualTo("jdbc:sqlite:/tmp/lake-home/catalog/iceberg.db");
        assertThat(config.warehouse()).isEqualTo("s3://my-lake/warehouse");
    }

    @Test
    void aConfiguredCatalogAndWarehouseReplaceTheDefaults() {
        CoinlakeConfig config = CoinlakeConfig.of(Map.of("COINLAKE_CATALOG_URI", "jdbc:postgresql://db:5432/iceberg",
                "COINLAKE_WAREHOUSE", "s3://other/tables"));

        assertThat(config.usesEmbeddedCatalog()).isFalse();
        assertThat(config.catalogUri()).isEqualTo("jdbc:postgresql://db:5432/iceberg");
        assertThat(config.warehouse()).isEqualTo("s3://other/tables");
    }

    @Test
    void theRestTypeServesTheSameJdbcCatalogThroughTheEmbeddedServer() {
        CoinlakeConfig config = CoinlakeConfig.of(Map.of("COINLAKE_HOME", "/tmp/lake-home", "COINLAKE_CATALOG_TYPE", "REST"));

        assertThat(config.usesEmbeddedRestCatalog()).isTrue();
        assertThat(config.restCatalogUrl()).isEqualTo("http://127.0.0.1:18181");
        assertThat(config.catalogAddress()).isEqualTo("http://127.0.0.1:18181 (REST over jdbc:sqlite:/tmp/lake-home/catalog/iceberg.db)");
        assertThat(LakeCatalogProperties.jdbc(config)).containsEntry("uri", "jdbc:sqlite:/tmp/lake-home/catalog/iceberg.db")
                .containsEntry("warehouse", "s3://coinlake/warehouse").containsEntry("jdbc.busy_timeout", "30000");
        assertThat(LakeCatalogProperties.client(config)).containsEntry("type", "rest")
                .containsEntry("uri", "http://127.0.0.1:18181").doesNotContainKey("jdbc.schema-version");
        assertThat(CoinlakeConfig.of(Map.of()).catalogAddress()).isEqualTo(CoinlakeConfig.of(Map.of()).catalogUri());
    }

    @Test
    void unsupportedCatalogsWarehousesAndHeapSizesAreRefusedWithTheRule() {
        assertThatThrownBy(() -> CoinlakeConfig.of(Map.of("COINLAKE_CATALOG_URI", "jdbc:mysql://db/iceberg")))
                .hasMessageContaining("must be a jdbc:sqlite: or jdbc:postgresql: URI");
        assertThatThrownBy(() -> CoinlakeConfig.of(Map.of("COINLAKE_WAREHOUSE", "/local/dir")))
                .hasMessageContaining("must be an S3 location");
        assertThatThrownBy(() -> CoinlakeConfig.of(Map.of("COINLAKE_CATALOG_TYPE", "hive")))
                .hasMessageContaining("must be one of: jdbc, rest");
        assertThatThrownBy(() -> CoinlakeConfig.of(Map.of("COINLAKE_REST_CATALOG_URL", "thrift://metastore:9083")))
                .hasMessageContaining("COINLAKE_REST_CATALOG_URL");
        assertThatThrownBy(() -> CoinlakeConfig.of(Map.of("SPARK_DRIVER_MEMORY", "2 GB")))
                .hasMessageContaining("SPARK_DRIVER_MEMORY='2 GB'").hasMessageContaining("512m or 2g");
    }

    @Test
    void aChildProcessGetsEverySettingWithSecretsRevealedAndAnAbsoluteHome() {
        CoinlakeConfig config = CoinlakeConfig.of(Map.of("COINLAKE_HOME", "relative/home",
                "COINLAKE_CATALOG_PASSWORD", "pg-secret", "SPARK_MASTER", "local[4]"));

        Map<String, String> environment = config.childEnvironment();

        assertThat(environment).containsEntry("COINLAKE_CATALOG_PASSWORD", "pg-secret")
                .containsEntry("S3_SECRET_KEY", "coinlake-local-secret")
                .containsEntry("SPARK_MASTER", "local[4]")
                .containsEntry("COINCAP_SOURCE", "auto")
                .containsEntry("COINLAKE_HOME", Path.of("relative/home").toAbsolutePath().normalize().toString());
        assertThat(environment).hasSize(Settings.ALL.size());
        assertThat(CoinlakeConfig.of(environment).get(Settings.COINLAKE_CATALOG_PASSWORD).reveal())
                .as("the child resolves the same values back").isEqualTo("pg-secret");
        assertThat(config.toString()).doesNotContain("pg-secret");
    }
}
