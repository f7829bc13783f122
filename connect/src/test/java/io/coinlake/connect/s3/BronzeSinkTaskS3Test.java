package io.coinlake.connect.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import io.coinlake.embedded.FaultyS3Proxy;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The sink task against a real S3 API server. The Connect runtime around it is a small fake
 * context here; the connector on a real Connect worker is tested separately.
 */
class BronzeSinkTaskS3Test {
    private static final String TOPIC = "coincap.assets.raw";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private S3Client s3;
    private String bucket;
    private final List<String> deadLettered = new ArrayList<>();

    @BeforeEach
    void bucket() throws Exception {
        s3 = TestS3.client();
        bucket = "bronze-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
    }

    private Map<String, String> settings(String... extra) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("s3.bucket", bucket);
        settings.put("s3.endpoint", TestS3.server().endpoint());
        settings.put("aws.access.key.id", TestS3.ACCESS_KEY);
        settings.put("aws.secret.access.key", TestS3.SECRET_KEY);
        settings.put("flush.size", "3");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return settings;
    }

    private BronzeSinkTask startTask(Map<String, String> settings) {
        BronzeSinkTask task = new BronzeSinkTask();
        task.initialize(new FakeContext());
        task.start(settings);
        task.open(Set.of(P0));
        return task;
    }

    private static String asset(String date, String id) {
        return "{\"type\":\"asset\",\"logicalDate\":\"" + date + "\",\"assetId\":\"" + id
                + "\",\"asset\":{\"id\":\"" + id + "\",\"priceUsd\":\"60310.6888208343493939\",\"maxSupply\":null}}";
    }

    private static String marker(String date) {
        return "{\"type\":\"end-of-batch\",\"logicalDate\":\"" + date + "\",\"partition\":0}";
    }

    private static SinkRecord record(long offset, String value) {
        return new SinkRecord(TOPIC, 0, null, null, null, value.getBytes(StandardCharsets.UTF_8), offset,
                1_793_577_599_999L, TimestampType.CREATE_TIME);
    }

    private static List<SinkRecord> twoDays() {
        List<String> values = List.of(asset("2026-11-01", "bitcoin"), asset("2026-11-01", "ethereum"),
                asset("2026-11-01", "tether"), asset("2026-11-01", "xrp"), marker("2026-11-01"),
                asset("2026-11-02", "bitcoin"), asset("2026-11-02", "ethereum"), marker("2026-11-02"));
        List<SinkRecord> records = new ArrayList<>();
        long offset = 0;
        for (String value : values) {
            records.add(record(offset++, value));
            if (value.contains("end-of-batch")) {
                offset++; // the transaction's commit marker takes an offset no consumer sees
            }
        }
        return records;
    }

    private Map<String, String> objects() {
        Map<String, String> byKey = new HashMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).build()).contents()) {
            byKey.put(object.key(), s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(object.key()).build())
                    .asString(StandardCharsets.UTF_8));
        }
        return byKey;
    }

    @Test
    void batchesLandAsObjectsPerDateWithTheRawBytes() throws Exception {
        BronzeSinkTask task = startTask(settings());
        List<SinkRecord> records = twoDays();

        task.put(records);

        Map<String, String> objects = objects();
        String prefix = "bronze/" + TOPIC + "/dt=";
        assertThat(objects).containsOnlyKeys(
                prefix + "2026-11-01/" + TOPIC + "+0+00000000000000000000.jsonl",
                prefix + "2026-11-01/" + TOPIC + "+0+00000000000000000003.jsonl",
                prefix + "2026-11-02/" + TOPIC + "+0+00000000000000000006.jsonl");
        assertThat(objects.get(prefix + "2026-11-01/" + TOPIC + "+0+00000000000000000000.jsonl"))
                .isEqualTo(asset("2026-11-01", "bitcoin") + "\n" + asset("2026-11-01", "ethereum") + "\n"
                        + asset("2026-11-01", "tether") + "\n");
        assertThat(String.join("", objects.values())).doesNotContain("end-of-batch");
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(9));

        Path onDisk = TestS3.server().dataDirectory().resolve(bucket)
                .resolve(prefix + "2026-11-02/" + TOPIC + "+0+00000000000000000006.jsonl");
        assertThat(Files.readString(onDisk)).isEqualTo(asset("2026-11-02", "bitcoin") + "\n" + asset("2026-11-02", "ethereum") + "\n");
        task.stop();
    }

    @Test
    void openRecordsAreNotCommittedAndARedeliveryLandsIdenticalObjects() throws Exception {
        List<SinkRecord> records = twoDays();
        BronzeSinkTask first = startTask(settings());
        first.put(records.subList(0, 4)); // bitcoin..xrp: one object closed at flush size, xrp still open
        Map<TopicPartition, OffsetAndMetadata> committed = first.preCommit(Map.of());
        assertThat(committed).containsEntry(P0, new OffsetAndMetadata(3));
        Map<String, String> beforeCrash = objects();
        // the worker dies here: no stop(), no further commit

        long resumeAt = committed.get(P0).offset();
        BronzeSinkTask second = startTask(settings());
        second.put(records.stream().filter(r -> r.kafkaOffset() >= resumeAt).toList());
        BronzeSinkTask replay = startTask(settings());
        replay.put(records); // a full replay from offset 0 rewrites nothing

        Map<String, String> after = objects();
        assertThat(after).hasSize(3).containsAllEntriesOf(beforeCrash);
        assertThat(String.join("", after.values()).split("\n")).hasSize(6);
        first.stop();
        second.stop();
        replay.stop();
    }

    @Test
    void differentContentUnderAnExistingKeyIsAnError() throws Exception {
        String key = "bronze/" + TOPIC + "/dt=2026-11-01/" + TOPIC + "+0+00000000000000000000.jsonl";
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromString("{\"other\":1}\n"));
        BronzeSinkTask task = startTask(settings());

        assertThatThrownBy(() -> task.put(twoDays())).isInstanceOf(ConnectException.class)
                .hasMessageContaining("already exists with different content")
                .hasMessageContaining(key);
        task.stop();
    }

    @Test
    void badRecordsGoToTheDeadLetterQueueAndTheRestLands() throws Exception {
        BronzeSinkTask task = startTask(settings());

        task.put(List.of(record(0, asset("2026-11-01", "bitcoin")), record(1, "not json at all"),
                record(2, "{\"type\":\"asset\",\"assetId\":\"x\"}"), record(3, asset("2026-11-01", "ethereum")),
                record(4, marker("2026-11-01"))));

        assertThat(deadLettered).containsExactly("1: value is not valid JSON", "2: value lacks the partition field 'logicalDate'");
        // The dead letters leave a gap, which closes the object: every object holds consecutive offsets.
        String prefix = "bronze/" + TOPIC + "/dt=2026-11-01/" + TOPIC + "+0+";
        assertThat(objects()).containsOnlyKeys(prefix + "00000000000000000000.jsonl", prefix + "00000000000000000003.jsonl")
                .allSatisfy((key, body) -> assertThat(body.split("\n")).hasSize(1));
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(5));
        task.stop();
    }

    @Test
    void gzipObjectsAreIdenticalOnRedelivery() throws Exception {
        BronzeSinkTask first = startTask(settings("format.gzip", "true"));
        first.put(twoDays());
        BronzeSinkTask again = startTask(settings("format.gzip", "true"));
        again.put(twoDays());

        String key = "bronze/" + TOPIC + "/dt=2026-11-02/" + TOPIC + "+0+00000000000000000006.jsonl.gz";
        byte[] gzipped = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asByteArray();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith(asset("2026-11-02", "bitcoin"));
        }
        first.stop();
        again.stop();
    }

    /**
     * Connect's contract after a RetriableException from put: the same batch comes again, nothing
     * before it does. Records read by earlier puts must still land, under the same keys.
     */
    @Test
    void aFailedUploadLosesNothingReadBeforeAndLandsTheSameObjectsOnRetry() throws Exception {
        List<SinkRecord> records = twoDays();
        BronzeSinkTask reference = startTask(settings("s3.prefix", "reference"));
        reference.put(records);
        Map<String, String> uninterrupted = objects("reference/");
        reference.stop();

        URI server = URI.create(TestS3.server().endpoint());
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(server.getHost(), server.getPort())) {
            for (FaultyS3Proxy.Fault fault : List.of(new FaultyS3Proxy.Fault.Down(), new FaultyS3Proxy.Fault.FailUploads(503),
                    new FaultyS3Proxy.Fault.FailUploads(500), new FaultyS3Proxy.Fault.ResetUploadMidBody(),
                    new FaultyS3Proxy.Fault.SlowAnswers(3_000))) {
                String prefix = "faulty-" + fault.getClass().getSimpleName().toLowerCase() + fault.hashCode();
                BronzeSinkTask task = startTask(settings("s3.prefix", prefix, "s3.endpoint", proxy.endpoint(),
                        "s3.request.timeout.ms", "1000"));
                task.put(records.subList(0, 2)); // two records of the first day: nothing closes yet
                int faultedBefore = proxy.faultedRequests();
                proxy.fault(fault);
                List<SinkRecord> failing = records.subList(2, records.size());
                assertThatThrownBy(() -> task.put(failing)).as(fault.toString()).isInstanceOf(RetriableException.class);
                assertThatThrownBy(() -> task.put(failing)).as("still failing: " + fault).isInstanceOf(RetriableException.class);
                assertThat(proxy.faultedRequests()).as("the fault happened: " + fault).isGreaterThan(faultedBefore);
                assertThat(task.preCommit(new HashMap<>(Map.of(P0, new OffsetAndMetadata(2))))).as(fault.toString())
                        .containsEntry(P0, new OffsetAndMetadata(0));

                proxy.fault(new FaultyS3Proxy.Fault.None());
                task.put(failing); // what Connect does: the same batch again, and only that batch
                assertThat(withoutPrefix(objects(prefix + "/"), prefix)).as(fault.toString())
                        .isEqualTo(withoutPrefix(uninterrupted, "reference"));
                assertThat(task.preCommit(new HashMap<>(Map.of(P0, new OffsetAndMetadata(9))))).containsEntry(P0,
                        new OffsetAndMetadata(9));
                task.stop();
            }
        }
    }

    @Test
    void aRefusedUploadFailsTheTaskWithTheCauseInsteadOfRetryingForever() throws Exception {
        BronzeSinkTask task = startTask(settings("s3.bucket", "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8)));

        assertThatThrownBy(() -> task.put(twoDays())).isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("refused by the S3 store")
                .hasMessageContaining("Check the bucket, the credentials");
        assertThat(task.preCommit(new HashMap<>())).as("nothing landed, nothing committed").containsEntry(P0, new OffsetAndMetadata(0));
        task.stop();
    }

    private Map<String, String> objects(String prefix) {
        Map<String, String> byKey = new HashMap<>(objects());
        byKey.keySet().removeIf(key -> !key.startsWith(prefix));
        return byKey;
    }

    private static Map<String, String> withoutPrefix(Map<String, String> objects, String prefix) {
        Map<String, String> byKey = new HashMap<>();
        objects.forEach((key, body) -> byKey.put(key.substring(prefix.length()), body));
        return byKey;
    }

    /** Stands in for the Connect runtime: only the dead-letter reporter matters to the task. */
    private final class FakeContext implements SinkTaskContext {
        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return (record, error) -> {
                String reason = error.getMessage();
                deadLettered.add(record.kafkaOffset() + ": " + (reason.startsWith("value is not valid JSON")
                        ? "value is not valid JSON" : reason));
                return CompletableFuture.completedFuture(null);
            };
        }

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
        }

        @Override
        public void timeout(long timeoutMs) {
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(P0);
        }

        @Override
        public void pause(TopicPartition... partitions) {
        }

        @Override
        public void resume(TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
