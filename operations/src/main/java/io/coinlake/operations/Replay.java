package io.coinlake.operations;

import io.coinlake.bronze.BronzeObjectKey;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Launcher;
import io.coinlake.config.Settings;
import io.coinlake.envelope.EnvelopeFields;
import io.coinlake.s3.S3Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lands bronze again from the raw topic through Connect's offsets API: stop the sink, move its
 * offsets back (or reset them), resume. The sink rewrites landed objects byte for byte, so a
 * replay never duplicates.
 */
public final class Replay {
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LOGICAL_DATE = Pattern.compile(
            Pattern.quote("\"" + EnvelopeFields.LOGICAL_DATE + "\":\"") + "(\\d{4}-\\d{2}-\\d{2})\"");

    private final CoinlakeConfig config;
    private final Progress progress;

    public Replay(CoinlakeConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /** From the beginning of the raw topic. */
    public Map<Integer, Long> fromBeginning() throws Exception {
        return restart(Map.of());
    }

    /** From the start of the bronze object holding {@code offset}, on every partition. */
    public Map<Integer, Long> fromOffset(long offset) throws Exception {
        return restart(objectStarts(config, offset));
    }

    /** From the first record of {@code date} on each partition. */
    public Map<Integer, Long> fromDate(LocalDate date) throws Exception {
        return restart(firstOffsetsOf(config, date));
    }

    /** The offsets the sink starts again from; empty: from the beginning. */
    private Map<Integer, Long> restart(Map<Integer, Long> offsets) throws Exception {
        String topic = config.rawTopic();
        ConnectClient connect = new ConnectClient(config.connectUrl());
        progress.accept("stopping " + BronzeConnector.NAME);
        connect.stop(BronzeConnector.NAME);
        awaitState(connect, "STOPPED");
        if (offsets.isEmpty()) {
            progress.accept("resetting its offsets: the sink starts again from the beginning of " + topic);
            connect.resetOffsets(BronzeConnector.NAME);
        } else {
            progress.accept("moving its offsets on " + topic + " to " + offsets);
            connect.alterOffsets(BronzeConnector.NAME, topic, offsets);
        }
        connect.resume(BronzeConnector.NAME);
        awaitState(connect, "RUNNING");
        return offsets;
    }

    private static void awaitState(ConnectClient connect, String state) throws Exception {
        long deadline = System.nanoTime() + STATE_TIMEOUT.toNanos();
        ConnectClient.Status status = connect.status(BronzeConnector.NAME);
        while (status == null || !status.connector().equals(state)
                || (state.equals("RUNNING") && !status.running())) {
            if (status == null) {
                throw new UserError("The bronze sink is not registered: run '" + Launcher.COMMAND + " up'.");
            }
            if (System.nanoTime() > deadline) {
                throw new UserError("The bronze sink did not reach " + state + " within " + STATE_TIMEOUT.toSeconds()
                        + " s: " + status + ".");
            }
            Thread.sleep(300);
            status = connect.status(BronzeConnector.NAME);
        }
    }

    /**
     * Offsets must be object starts, or the replay would land a shorter object under a new key.
     * For each partition: the first offset of the landed object holding {@code offset}.
     */
    private static Map<Integer, Long> objectStarts(CoinlakeConfig config, long offset) {
        Map<Integer, Long> starts = new TreeMap<>();
        String prefix = BronzeObjectKey.PREFIX + "/" + config.rawTopic() + "/";
        try (S3Client s3 = S3Connection.of(config).client()) {
            for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(config.get(Settings.COINLAKE_BUCKET)).prefix(prefix).build()).contents()) {
                BronzeObjectKey.parse(object.key()).filter(key -> key.firstOffset() <= offset)
                        .ifPresent(key -> starts.merge(key.partition(), key.firstOffset(), Math::max));
            }
        }
        if (starts.isEmpty()) {
            throw new UserError("No bronze object starts at or before offset " + offset + ": use '" + Launcher.COMMAND + " replay'"
                    + " to replay from the beginning.");
        }
        return starts;
    }

    /** The first offset of each partition whose record belongs to {@code date}. */
    private static Map<Integer, Long> firstOffsetsOf(CoinlakeConfig config, LocalDate date) {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", config.bootstrapServers());
        settings.put("isolation.level", "read_committed");
        settings.put("key.deserializer", ByteArrayDeserializer.class.getName());
        settings.put("value.deserializer", ByteArrayDeserializer.class.getName());
        Map<Integer, Long> first = new TreeMap<>();
        String wanted = date.toString();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.rawTopic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(p -> !first.containsKey(p.partition()) && consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.value() == null || first.containsKey(record.partition())) {
                        continue;
                    }
                    Matcher matcher = LOGICAL_DATE.matcher(new String(record.value(), StandardCharsets.UTF_8));
                    if (matcher.find() && matcher.group(1).equals(wanted)) {
                        first.put(record.partition(), record.offset());
                    }
                }
            }
        }
        if (first.isEmpty()) {
            throw new UserError("The raw topic holds no record of " + date + ": nothing to replay.");
        }
        return first;
    }
}
