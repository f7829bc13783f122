package io.coinlake.connect.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RecordClassifierTest {
    private final RecordClassifier strict = new RecordClassifier("logicalDate", false, "type", "end-of-batch");
    private final RecordClassifier lenient = new RecordClassifier("logicalDate", true, "type", "end-of-batch");

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dateComesFromTheConfiguredField() {
        RecordClassifier.Verdict verdict = strict.classify(
                json("{\"type\":\"asset\",\"asset\":{\"logicalDate\":\"1999-01-01\"},\"logicalDate\":\"2026-11-01\"}"), 0L);

        assertThat(verdict.isRejected()).isFalse();
        assertThat(verdict.date()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(verdict.isEndOfBatch()).isFalse();
    }

    @Test
    void markerIsRecognised() {
        assertThat(strict.classify(json("{\"type\":\"end-of-batch\",\"logicalDate\":\"2026-11-01\"}"), null).isEndOfBatch()).isTrue();
    }

    @Test
    void missingFieldIsRejectedUnlessTheTimestampMayStandIn() {
        byte[] value = json("{\"type\":\"asset\"}");
        long nov2 = 1_793_577_600_000L; // 2026-11-02T00:00:00Z

        assertThat(strict.classify(value, nov2).rejection()).isEqualTo("value lacks the partition field 'logicalDate'");
        assertThat(lenient.classify(value, nov2).date()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(lenient.classify(value, null).rejection()).contains("has no timestamp");
    }

    @Test
    void badValuesAreRejectedWithTheirReason() {
        assertThat(strict.classify(json("not json"), 0L).rejection()).startsWith("value is not valid JSON");
        assertThat(strict.classify(json("{\"logicalDate\":\"2026-11-01\""), 0L).rejection()).startsWith("value is not valid JSON");
        assertThat(strict.classify(json("[1,2]"), 0L).rejection()).isEqualTo("value is not a JSON object");
        assertThat(strict.classify(json("{\"logicalDate\":\"01/11/2026\"}"), 0L).rejection()).contains("not a YYYY-MM-DD date");
        assertThat(strict.classify(json("{\"logicalDate\":\"2026-11-01\"} trailing"), 0L).rejection()).isNotNull();
        assertThat(strict.classify(null, 0L).rejection()).contains("tombstone");
    }
}
