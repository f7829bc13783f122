package io.coinlake.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coinlake.bronze.BronzeObjectKey;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.embedded.EmbeddedConnect;
import io.coinlake.embedded.EmbeddedKafka;
import io.coinlake.embedded.EmbeddedRestCatalog;
import io.coinlake.embedded.EmbeddedS3;
import io.coinlake.json.RawJson;
import io.coinlake.producer.ProduceManifest;
import io.coinlake.s3.S3Connection;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The stack's state as one JSON object: each service (embedded and running, or external), the
 * bronze sink's state and lag, what the raw topic holds, and the bronze objects and records per date.
 */
public final class StackStatus {
    /** The report, and whether everything it needs is up. */
    public record Report(ObjectNode json, boolean healthy) {
    }

    private StackStatus() {
    }

    public static Report of(CoinlakeConfig effective) throws IOException, InterruptedException {
        ObjectNode report = RawJson.MAPPER.createObjectNode();
        report.put("dataHome", effective.home().toString());
        Stack stack = new Stack(effective);
        ObjectNode services = report.putObject("services");
        boolean s3Up = service(services, "s3", effective.usesEmbeddedS3(),
                stack.embeddedS3().flatMap(EmbeddedS3::running), effective.s3Endpoint());
        boolean healthy = s3Up;
        boolean kafkaUp = service(services, "kafka", effective.usesEmbeddedKafka(),
                stack.embeddedKafka().flatMap(EmbeddedKafka::running), effective.bootstrapServers());
        healthy &= kafkaUp;
        healthy &= service(services, "connect", effective.usesEmbeddedConnect(),
                stack.embeddedConnect().flatMap(EmbeddedConnect::running),
                effective.connectUrl());
        if (effective.usesRestCatalog()) {
            healthy &= service(services, "rest-catalog", effective.usesEmbeddedRestCatalog(),
                    stack.embeddedRestCatalog().flatMap(EmbeddedRestCatalog::running), effective.restCatalogUrl());
        }
        healthy &= sink(report, effective);
        if (kafkaUp) {
            healthy &= topic(report, stack, effective);
        }
        if (s3Up) {
            bronze(report, effective);
        }
        return new Report(report, healthy);
    }

    /** Records one service; returns whether it is usable (embedded and running, or external). */
    private static boolean service(ObjectNode services, String name, boolean embedded, Optional<ProcessHandle> process,
                                   String address) {
        ObjectNode node = services.putObject(name);
        node.put("embedded", embedded);
        node.put("address", address);
        if (!embedded) {
            node.put("state", "external");
            return true;
        }
        node.put("state", process.isPresent() ? "running" : "stopped");
        process.ifPresent(p -> node.put("pid", p.pid()));
        return process.isPresent();
    }

    private static boolean sink(ObjectNode report, CoinlakeConfig config) throws InterruptedException {
        ObjectNode node = report.putObject("bronzeSink");
        node.put("name", BronzeConnector.NAME);
        try {
            ConnectClient.Status status = new ConnectClient(config.connectUrl()).status(BronzeConnector.NAME);
            if (status == null) {
                node.put("connector", "NOT_REGISTERED");
                return false;
            }
            node.put("connector", status.connector());
            status.tasks().forEach(node.putArray("tasks")::add);
            if (status.failure() != null) {
                node.put("failure", status.failure());
            }
            return status.running();
        } catch (IOException e) {
            node.put("connector", "UNREACHABLE");
            return false;
        }
    }

    private static boolean topic(ObjectNode report, Stack stack, CoinlakeConfig config) throws InterruptedException {
        ObjectNode node = report.putObject("rawTopic");
        String topic = config.rawTopic();
        node.put("name", topic);
        try (Admin admin = stack.admin()) {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(15, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<Integer, Long> ends = new TreeMap<>();
            admin.listOffsets(request).all().get(15, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            Map<Integer, Long> committed = new TreeMap<>();
            admin.listConsumerGroupOffsets(BronzeConnector.CONSUMER_GROUP).partitionsToOffsetAndMetadata()
                    .get(15, TimeUnit.SECONDS).forEach((tp, offset) -> {
                        if (tp.topic().equals(topic) && offset != null) {
                            committed.put(tp.partition(), offset.offset());
                        }
                    });
            ObjectNode partitions = node.putObject("partitions");
            long lag = 0;
            for (Map.Entry<Integer, Long> end : ends.entrySet()) {
                long sinkAt = committed.getOrDefault(end.getKey(), 0L);
                ObjectNode partition = partitions.putObject(end.getKey().toString());
                partition.put("endOffset", end.getValue());
                partition.put("sinkCommittedOffset", sinkAt);
                lag += end.getValue() - sinkAt;
            }
            node.put("sinkLag", lag);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            node.put("error", e.getCause() == null ? e.toString() : e.getCause().getMessage());
            return false;
        }
    }

    /**
     * Objects and bytes per date from one listing, and each date's latest produce run from its
     * manifest: its records and whether the sink has committed past its markers. Nothing is
     * downloaded, so the cost grows with the number of objects, not with the data.
     */
    private static void bronze(ObjectNode report, CoinlakeConfig config) throws IOException {
        ObjectNode node = report.putObject("bronze");
        String bucket = config.get(Settings.COINLAKE_BUCKET);
        String prefix = BronzeObjectKey.PREFIX + "/" + config.rawTopic() + "/";
        node.put("location", "s3://" + bucket + "/" + prefix);
        Map<LocalDate, long[]> perDate = new TreeMap<>();
        try (S3Client s3 = S3Connection.of(config).client()) {
            for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                    .build()).contents()) {
                Optional<BronzeObjectKey> key = BronzeObjectKey.parse(object.key());
                if (key.isPresent()) {
                    long[] counts = perDate.computeIfAbsent(key.get().date(), d -> new long[2]);
                    counts[0]++;
                    counts[1] += object.size();
                }
            }
        } catch (SdkException e) {
            node.put("error", "S3 store not reachable at " + config.s3Endpoint() + ": " + e.getMessage());
            return;
        }
        JsonNode committed = report.path("rawTopic").path("partitions");
        ObjectNode dates = node.putObject("dates");
        for (Map.Entry<LocalDate, long[]> date : perDate.entrySet()) {
            ObjectNode day = dates.putObject(date.getKey().toString());
            day.put("objects", date.getValue()[0]);
            day.put("bytes", date.getValue()[1]);
            Optional<ProduceManifest.Recorded> run = ProduceManifest.read(config.home(), date.getKey());
            if (run.isPresent()) {
                ObjectNode latest = day.putObject("latestRun");
                latest.put("runId", run.get().runId());
                latest.put("records", run.get().records());
                if (committed.isObject()) {
                    latest.put("landed", run.get().markerOffsets().entrySet().stream().allMatch(marker ->
                            committed.path(marker.getKey().toString()).path("sinkCommittedOffset").asLong() > marker.getValue()));
                }
            }
        }
    }
}
