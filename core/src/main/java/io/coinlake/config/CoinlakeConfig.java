package io.coinlake.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The effective configuration: each setting's value and where it came from. Immutable. */
public final class CoinlakeConfig {
    record Value(Object value, String origin) {
    }

    /** One row of {@code coinlake config}: secrets already redacted. */
    public record Row(String name, String value, String origin, String doc) {
    }

    private final Map<Setting<?>, Value> values;

    CoinlakeConfig(Map<Setting<?>, Value> values) {
        this.values = Map.copyOf(values);
    }

    /** Only defaults and the given overrides, ignoring the environment and files: for tests and tools. */
    public static CoinlakeConfig of(Map<String, String> overrides) {
        return ConfigResolver.resolve(List.of(ConfigLayer.flags(overrides)));
    }

    public <T> T get(Setting<T> setting) {
        return setting.type().cast(values.get(setting).value());
    }

    public String origin(Setting<?> setting) {
        return values.get(setting).origin();
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            Value value = values.get(setting);
            rows.add(new Row(setting.name(), setting.display(value.value()), value.origin(), setting.doc()));
        }
        return rows;
    }

    /**
     * Every setting as NAME=value with secrets revealed, for the environment of a child process
     * (never its arguments, which any user of the machine can list). The data home is absolute, so
     * the child finds it whatever its working directory.
     */
    public Map<String, String> childEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            Object value = get(setting);
            environment.put(setting.name(), value instanceof Secret secret ? secret.reveal() : setting.display(value));
        }
        environment.put(Settings.COINLAKE_HOME.name(), home().toString());
        return environment;
    }

    public Path home() {
        return get(Settings.COINLAKE_HOME).toAbsolutePath().normalize();
    }

    /** True when no external cluster is configured and the embedded broker is the one to use. */
    public boolean usesEmbeddedKafka() {
        return get(Settings.KAFKA_BOOTSTRAP_SERVERS).isEmpty();
    }

    public String bootstrapServers() {
        return usesEmbeddedKafka() ? "127.0.0.1:" + get(Settings.COINLAKE_KAFKA_PORT) : get(Settings.KAFKA_BOOTSTRAP_SERVERS);
    }

    public boolean usesEmbeddedS3() {
        return get(Settings.S3_ENDPOINT).isEmpty();
    }

    public String s3Endpoint() {
        return usesEmbeddedS3() ? "http://127.0.0.1:" + get(Settings.COINLAKE_S3_PORT) : get(Settings.S3_ENDPOINT);
    }

    public boolean usesEmbeddedConnect() {
        return get(Settings.CONNECT_URL).isEmpty();
    }

    public String connectUrl() {
        return usesEmbeddedConnect() ? "http://127.0.0.1:" + get(Settings.COINLAKE_CONNECT_PORT) : get(Settings.CONNECT_URL);
    }

    /** True when no catalog database is configured and the SQLite file in the data home is the catalog. */
    public boolean usesEmbeddedCatalog() {
        return get(Settings.COINLAKE_CATALOG_URI).isEmpty();
    }

    public Path embeddedCatalogFile() {
        return home().resolve("catalog").resolve("iceberg.db");
    }

    public String catalogUri() {
        return usesEmbeddedCatalog() ? "jdbc:sqlite:" + embeddedCatalogFile() : get(Settings.COINLAKE_CATALOG_URI);
    }

    public boolean usesRestCatalog() {
        return get(Settings.COINLAKE_CATALOG_TYPE) == Settings.CatalogType.REST;
    }

    /** True when clients go through the REST catalog server that 'up' starts over the JDBC catalog. */
    public boolean usesEmbeddedRestCatalog() {
        return usesRestCatalog() && get(Settings.COINLAKE_REST_CATALOG_URL).isEmpty();
    }

    /** The REST catalog's URL (meaningful when {@link #usesRestCatalog()}). */
    public String restCatalogUrl() {
        return usesEmbeddedRestCatalog() ? "http://127.0.0.1:" + get(Settings.COINLAKE_REST_CATALOG_PORT)
                : get(Settings.COINLAKE_REST_CATALOG_URL);
    }

    /** Where clients find the catalog, as messages name it. */
    public String catalogAddress() {
        return usesRestCatalog() ? restCatalogUrl() + " (REST" + (usesEmbeddedRestCatalog() ? " over " + catalogUri() : "")
                + ")" : catalogUri();
    }

    public String warehouse() {
        String configured = get(Settings.COINLAKE_WAREHOUSE);
        return configured.isEmpty() ? "s3://" + get(Settings.COINLAKE_BUCKET) + "/warehouse" : configured;
    }

    public String rawTopic() {
        return get(Settings.COINLAKE_RAW_TOPIC);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("CoinlakeConfig{");
        for (Row row : rows()) {
            text.append(row.name()).append('=').append(row.value()).append(", ");
        }
        return text.append('}').toString();
    }
}
