package io.coinlake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.json.RawJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What bronze must hold, computed from the topic alone, independently of the sink's code: per
 * partition, an object starts at the first record after an end-of-batch marker, a date change or
 * an offset gap, and holds the raw values up to the next such boundary. Comparing it with the
 * store checks every committed record is landed exactly once, byte for byte, under the key an
 * uninterrupted run gives it.
 */
final class BronzeOracle {
    private BronzeOracle() {
    }

    /** Every record of every partition, from the beginning, as a consumer with {@code isolation} sees it. */
    static Map<Integer, List<ConsumerRecord<byte[], byte[]>>> readTopic(String bootstrapServers, String topic, String isolation) {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("isolation.level", isolation);
        settings.put("key.deserializer", ByteArrayDeserializer.class.getName());
        settings.put("value.deserializer", ByteArrayDeserializer.class.getName());
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record ->
                        byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record));
            }
        }
        return byPartition;
    }

    /** The objects an uninterrupted sink writes for these committed records: key to content. */
    static Map<String, String> expectedObjects(String topic, Map<Integer, List<ConsumerRecord<byte[], byte[]>>> committed)
            throws IOException {
        Map<String, String> objects = new TreeMap<>();
        for (Map.Entry<Integer, List<ConsumerRecord<byte[], byte[]>>> partition : committed.entrySet()) {
            String openKey = null;
            String openDate = null;
            long nextOffset = -1;
            StringBuilder lines = new StringBuilder();
            for (ConsumerRecord<byte[], byte[]> record : partition.getValue()) {
                JsonNode value = RawJson.MAPPER.readTree(record.value());
                String date = value.path("logicalDate").asText();
                boolean boundary = openKey != null && (record.offset() != nextOffset || !date.equals(openDate)
                        || value.path("type").asText().equals("end-of-batch"));
                if (boundary) {
                    objects.put(openKey, lines.toString());
                    openKey = null;
                    lines.setLength(0);
                }
                nextOffset = record.offset() + 1;
                if (value.path("type").asText().equals("end-of-batch")) {
                    continue;
                }
                if (openKey == null) {
                    openKey = "bronze/" + topic + "/dt=" + date + "/" + topic + "+" + partition.getKey() + "+"
                            + String.format("%020d", record.offset()) + ".jsonl";
                    openDate = date;
                }
                lines.append(new String(record.value(), StandardCharsets.UTF_8)).append('\n');
            }
            if (openKey != null) {
                objects.put(openKey + " (still open)", lines.toString());
            }
        }
        return objects;
    }

    /** What the embedded S3 server holds under the topic's bronze prefix, read as plain files: key to content. */
    static Map<String, String> landedObjects(Path home, String topic) throws IOException {
        Path bucket = home.resolve("s3/data/coinlake");
        Map<String, String> objects = new TreeMap<>();
        Path root = bucket.resolve("bronze").resolve(topic);
        if (!Files.isDirectory(root)) {
            return objects;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                objects.put(bucket.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return objects;
    }

    /** What an S3 store holds under the topic's bronze prefix, read through its API: key to content. */
    static Map<String, String> landedObjects(S3Client s3, String bucket, String topic) {
        Map<String, String> objects = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("bronze/" + topic + "/")).contents()) {
            if (object.key().endsWith(".jsonl")) {
                objects.put(object.key(), s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asUtf8String());
            }
        }
        return objects;
    }
}
