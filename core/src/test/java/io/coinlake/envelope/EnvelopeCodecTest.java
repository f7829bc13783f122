package io.coinlake.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.json.RawJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {
    /** Written oddly on purpose: spacing, an escaped character, a field CoinCap might add later. */
    private static final String RAW = "{\"id\":\"bitcoin\", \"priceUsd\":\"60310.6888208343493939\","
            + "\"maxSupply\":null,\"name\":\"Bit\\u0063oin\",\"newField\":{\"nested\":[1,2.50]},\"tokens\":{}}";
    private static final Batch BATCH = new Batch(LocalDate.of(2026, 11, 1), "20261102T000500Z-abc123",
            Batch.SOURCE_SIMULATED, Instant.parse("2026-11-02T00:05:00.123Z"));

    @Test
    void assetEnvelopeRoundTripsWithTheRawObjectByteForByte() throws Exception {
        AssetEnvelope envelope = new AssetEnvelope(BATCH, "bitcoin", SnapshotKind.LIVE, "/assets?limit=20&offset=0",
                Instant.ofEpochMilli(1793577599999L), 3, 20, RAW, null);

        byte[] encoded = EnvelopeCodec.encode(envelope);

        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("\"asset\":" + RAW);
        assertThat(EnvelopeCodec.decode(encoded)).isEqualTo(envelope);
        JsonNode json = RawJson.tree(new String(encoded, StandardCharsets.UTF_8));
        assertThat(json.get("type").asText()).isEqualTo("asset");
        assertThat(json.get("logicalDate").asText()).isEqualTo("2026-11-01");
        assertThat(json.get("source").asText()).isEqualTo("simulated");
    }

    @Test
    void historyEnvelopeKeepsItsListing() {
        String listing = "{\"id\":\"ethereum\",\"rank\":\"2\"}";
        AssetEnvelope envelope = new AssetEnvelope(BATCH, "ethereum", SnapshotKind.HISTORY,
                "/assets/ethereum/history?interval=h1", Instant.ofEpochMilli(5), 0, 1,
                "{\"priceUsd\":\"1.5\",\"time\":1}", listing);

        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(envelope))).isEqualTo(envelope);
    }

    @Test
    void markerRoundTrips() {
        EndOfBatchMarker marker = new EndOfBatchMarker(BATCH, 2, 7, 20);

        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(marker))).isEqualTo(marker);
    }

    @Test
    void badEnvelopesSayWhatIsWrong() {
        assertThatThrownBy(() -> EnvelopeCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> EnvelopeCodec.decode("{\"schemaVersion\":9}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unsupported envelope schemaVersion 9");
        assertThatThrownBy(() -> EnvelopeCodec.decode(("{\"schemaVersion\":1,\"type\":\"asset\",\"logicalDate\":\"2026-11-01\","
                + "\"runId\":\"r\",\"source\":\"s\",\"fetchedAt\":\"2026-11-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("lacks 'assetId'");
    }
}
