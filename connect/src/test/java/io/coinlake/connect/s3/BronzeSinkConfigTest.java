package io.coinlake.connect.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coinlake.envelope.AssetEnvelope;
import io.coinlake.envelope.Batch;
import io.coinlake.envelope.EndOfBatchMarker;
import io.coinlake.envelope.EnvelopeCodec;
import io.coinlake.envelope.SnapshotKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
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
    void theDefaultsAndTheShippedConnectorConfigFindTheDateAndTheMarkerOfRealEnvelopes() throws Exception {
        Batch batch = new Batch(LocalDate.of(2026, 11, 2), "run-1", Batch.SOURCE_SIMULATED, Instant.parse("2026-11-03T00:01:00Z"));
        byte[] asset = EnvelopeCodec.encode(new AssetEnvelope(batch, "bitcoin", SnapshotKind.LIVE, "/assets?limit=1",
                Instant.parse("2026-11-02T23:59:59Z"), 0, 1, "{\"id\":\"bitcoin\"}", null));
        byte[] marker = EnvelopeCodec.encode(new EndOfBatchMarker(batch, 0, 1, 1));
        // The shipped file's envelope settings; the rest are placeholders the CLI fills in.
        Map<String, String> shipped = minimal();
        JsonNode json = new ObjectMapper().readTree(Files.readString(Path.of("bronze-sink.json")));
        json.fields().forEachRemaining(field -> {
            if (field.getKey().startsWith("partition.") || field.getKey().startsWith("batch.end.")) {
                shipped.put(field.getKey(), field.getValue().asText());
            }
        });

        for (BronzeSinkConfig config : List.of(new BronzeSinkConfig(minimal()), new BronzeSinkConfig(shipped))) {
            RecordClassifier classifier = config.classifier();
            assertThat(classifier.classify(asset, null).date()).isEqualTo(batch.logicalDate());
            assertThat(classifier.classify(asset, null).isEndOfBatch()).isFalse();
            assertThat(classifier.classify(marker, null).isEndOfBatch()).isTrue();
        }
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
