package io.coinlake.connect.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class BronzeSinkConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> settings = new HashMap<>();
        settings.put("s3.bucket", "coinlake-bronze");
        return settings;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = minimal();
        settings.put(key, value);
        return settings;
    }

    @Test
    void defaultsFitTheCoinlakeEnvelope() {
        BronzeSinkConfig config = new BronzeSinkConfig(minimal());

        assertThat(config.bucket()).isEqualTo("coinlake-bronze");
        assertThat(config.prefix()).isEqualTo("bronze");
        assertThat(config.flushSize()).isEqualTo(1000);
        assertThat(config.pathStyle()).isTrue();
        assertThat(config.gzip()).isFalse();
        assertThat(config.requestTimeout()).hasSeconds(30);
        assertThat(config.secretAccessKey().toString()).doesNotContain("secret");
    }

    @Test
    void everyKeyIsDocumented() {
        BronzeSinkConfig.CONFIG.configKeys().values()
                .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
    }

    @Test
    void badValuesFailWithTheKeyAndTheRule() {
        assertThatThrownBy(() -> new BronzeSinkConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.bucket");
        assertThatThrownBy(() -> new BronzeSinkConfig(with("s3.bucket", "Bad_Bucket"))).hasMessageContaining("3-63 characters");
        assertThatThrownBy(() -> new BronzeSinkConfig(with("s3.endpoint", "minio:9000"))).hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> new BronzeSinkConfig(with("s3.prefix", "/bronze"))).hasMessageContaining("'/'");
        assertThatThrownBy(() -> new BronzeSinkConfig(with("flush.size", "0"))).hasMessageContaining("flush.size");
        assertThatThrownBy(() -> new BronzeSinkConfig(with("s3.request.timeout.ms", "5"))).hasMessageContaining("s3.request.timeout.ms");
        assertThatThrownBy(() -> new BronzeSinkConfig(with("partition.fallback", "guess"))).hasMessageContaining("partition.fallback");
    }

    @Test
    void secretKeyIsHidden() {
        BronzeSinkConfig config = new BronzeSinkConfig(with("aws.secret.access.key", "s3cr3t-value"));

        assertThat(config.secretAccessKey().value()).isEqualTo("s3cr3t-value");
        assertThat(config.secretAccessKey().toString()).doesNotContain("s3cr3t-value");
        assertThat(config.toString()).doesNotContain("s3cr3t-value");
    }
}
