package io.coinlake.producer;

import io.coinlake.envelope.AssetEnvelope;
import io.coinlake.envelope.Batch;
import io.coinlake.envelope.EndOfBatchMarker;
import io.coinlake.envelope.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes one date's snapshot to the raw topic as one Kafka transaction: the asset records,
 * then an end-of-batch marker on every partition. Readers with isolation.level=read_committed
 * (the bronze sink) see a date whole or not at all, so a run that fails half way leaves nothing
 * to clean up and can simply be rerun.
 *
 * <p>Each date gets a transactional producer of its own (see {@link #publish}); the clients that
 * outlive a date (the markers' repeater and the admin client) are made once and closed with this
 * publisher, since a new client costs a connection and a metadata round trip for every date.
 */
public final class SnapshotPublisher implements AutoCloseable {
    public static final String HEADER_TYPE = "coinlake.type";
    public static final String HEADER_LOGICAL_DATE = "coinlake.logical-date";
    public static final String HEADER_RUN_ID = "coinlake.run-id";
    /** How long a run waits for its transaction's commit markers before repeating its end-of-batch markers. */
    private static final long COMMIT_MARKER_WAIT_MS = 5_000;

    private final String bootstrapServers;
    private final String topic;
    private final Consumer<String> progress;
    private KafkaProducer<String, byte[]> repeater;
    private Admin admin;

    public SnapshotPublisher(String bootstrapServers, String topic, Consumer<String> progress) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.progress = progress;
    }

    /** Producer settings, each explained: these are what make the topic a trustworthy log. No transactional id: no transactions. */
    static Properties producerSettings(String bootstrapServers, String transactionalId) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "coinlake-producer");
        // No duplicates from the producer's own retries, and per-partition order kept.
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A write counts only once every in-sync replica has it.
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        // Transactions make a date's batch all-or-nothing for read_committed readers.
        if (transactionalId != null) {
            settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        // A daily batch is small; a short linger groups it into few requests without adding latency that matters.
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // initTransactions waits one retry backoff for the coordinator's connection, and each date
        // has a producer of its own: at the default 100 ms, that was half of a date's cost. The
        // backoff doubles on each retry up to retry.backoff.max.ms (1 s), so an outage is not hammered.
        settings.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        // JSON with repeated field names compresses well; lz4 is cheap for producer and consumers.
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Fail the run, rather than hang, when the cluster is unreachable for two minutes.
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return settings;
    }

    public PublishResult publish(Batch batch, Snapshot snapshot) throws InterruptedException {
        // One id per date, one producer per batch: initTransactions fences any earlier producer
        // of the same date that is still alive, and aborts what it left open.
        String transactionalId = "coinlake-producer-" + topic + "-" + batch.logicalDate();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerSettings(bootstrapServers, transactionalId))) {
            producer.initTransactions();
            return publish(producer, batch, snapshot);
        }
    }

    private PublishResult publish(KafkaProducer<String, byte[]> producer, Batch batch, Snapshot snapshot)
            throws InterruptedException {
        int count = snapshot.items().size();
        producer.beginTransaction();
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                SnapshotItem item = snapshot.items().get(i);
                AssetEnvelope envelope = new AssetEnvelope(batch, item.assetId(), item.kind(), item.endpoint(),
                        item.responseTime(), i, count, item.rawAsset(), item.rawListing());
                sent.add(producer.send(new ProducerRecord<>(topic, null, item.responseTime().toEpochMilli(),
                        item.assetId(), EnvelopeCodec.encode(envelope), headers(batch, EnvelopeCodec.TYPE_ASSET))));
            }
            producer.flush();
            Map<Integer, List<Long>> offsetsByPartition = new TreeMap<>();
            for (Future<RecordMetadata> future : sent) {
                RecordMetadata metadata = future.get();
                offsetsByPartition.computeIfAbsent(metadata.partition(), p -> new ArrayList<>()).add(metadata.offset());
            }
            progress.accept("sent " + count + " records for " + batch.logicalDate() + ", closing the batch");
            Map<Integer, Long> markerOffsets = new TreeMap<>();
            List<ProducerRecord<String, byte[]>> markers = new ArrayList<>();
            int partitions = producer.partitionsFor(topic).size();
            long markerTime = batch.fetchedAt().toEpochMilli();
            List<Future<RecordMetadata>> markersSent = new ArrayList<>(partitions);
            for (int partition = 0; partition < partitions; partition++) {
                int inPartition = offsetsByPartition.getOrDefault(partition, List.of()).size();
                EndOfBatchMarker marker = new EndOfBatchMarker(batch, partition, inPartition, count);
                markers.add(new ProducerRecord<>(topic, partition, markerTime, null, EnvelopeCodec.encode(marker),
                        headers(batch, EnvelopeCodec.TYPE_END_OF_BATCH)));
                markersSent.add(producer.send(markers.get(partition)));
            }
            // Sent together and flushed, then awaited: one round trip for all partitions, without the linger.
            producer.flush();
            for (int partition = 0; partition < partitions; partition++) {
                markerOffsets.put(partition, markersSent.get(partition).get().offset());
            }
            producer.commitTransaction();
            Map<Integer, Long> endOffsets = new TreeMap<>(awaitCommitMarkers(markerOffsets));
            repeatOutsideTheTransaction(batch, markers).forEach((partition, offset) -> endOffsets.merge(partition, offset + 1, Math::max));
            Map<Integer, PublishResult.PartitionSummary> summary = new TreeMap<>();
            markerOffsets.forEach((partition, markerOffset) -> {
                List<Long> offsets = offsetsByPartition.getOrDefault(partition, List.of());
                summary.put(partition, new PublishResult.PartitionSummary(offsets.size(),
                        offsets.isEmpty() ? -1 : offsets.get(0), markerOffset, endOffsets.get(partition)));
            });
            return new PublishResult(batch, topic, snapshot.kind(), count, snapshot.duplicateIds(), summary);
        } catch (ExecutionException | KafkaException e) {
            abort(producer);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishException("Publishing " + batch.logicalDate() + " to " + topic + " at " + bootstrapServers
                    + " failed: " + cause.getMessage() + ". Nothing of this run is visible to read_committed"
                    + " readers; rerun the date once the cluster is healthy.", cause);
        } catch (InterruptedException e) {
            abort(producer);
            throw e;
        }
    }

    /**
     * Waits until read_committed readers see past each partition's marker, i.e. until the
     * transaction's commit markers are in the partitions. {@code commitTransaction} returns once the
     * coordinator has logged the commit, and the coordinator writes those markers afterwards: a
     * record sent at once can land before them (seen: the repeat below landed first, so the sink's
     * lag stayed at 1). Gives up after {@link #COMMIT_MARKER_WAIT_MS}, which only leaves that lag.
     *
     * @return each partition's end offset for read_committed readers (its last stable offset)
     */
    private Map<Integer, Long> awaitCommitMarkers(Map<Integer, Long> markerOffsets) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + COMMIT_MARKER_WAIT_MS * 1_000_000L;
        while (true) {
            Map<Integer, Long> stable = endOffsets(markerOffsets.keySet().stream().toList(), IsolationLevel.READ_COMMITTED);
            boolean visible = markerOffsets.entrySet().stream().allMatch(m -> stable.get(m.getKey()) > m.getValue());
            if (visible || System.nanoTime() > deadline) {
                return stable;
            }
            Thread.sleep(5);
        }
    }

    /**
     * Repeats each partition's marker outside the transaction, so that the last offset of the
     * partition is a record a consumer receives. A transaction's commit marker takes an offset no
     * consumer ever receives, and a Connect sink can only commit up to the last record it was
     * given, so without this the sink's lag would read 1 on every partition forever. The repeat is
     * harmless to the sink (a marker with nothing open closes nothing); losing it only leaves that
     * lag until the next run.
     *
     * @return the repeat's offset in each partition; empty when the repeat failed
     */
    private Map<Integer, Long> repeatOutsideTheTransaction(Batch batch, List<ProducerRecord<String, byte[]>> markers) {
        Map<Integer, Long> offsets = new TreeMap<>();
        try {
            if (repeater == null) {
                Properties settings = producerSettings(bootstrapServers, null);
                settings.put(ProducerConfig.CLIENT_ID_CONFIG, "coinlake-producer-markers");
                repeater = new KafkaProducer<>(settings);
            }
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<String, byte[]> marker : markers) {
                sent.add(repeater.send(marker));
            }
            repeater.flush();
            for (Future<RecordMetadata> future : sent) {
                RecordMetadata metadata = future.get();
                offsets.put(metadata.partition(), metadata.offset());
            }
        } catch (ExecutionException | KafkaException e) {
            progress.accept("warning: " + batch.logicalDate() + " is committed, but repeating its end-of-batch markers"
                    + " failed (" + (e.getCause() == null ? e : e.getCause()).getMessage() + "): the sink's lag reads 1 per"
                    + " partition until the next run. Nothing is lost.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return offsets;
    }

    private static void abort(KafkaProducer<String, byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            // A fenced or broken producer cannot abort; the broker aborts its transaction on timeout.
        }
    }

    private Map<Integer, Long> endOffsets(List<Integer> partitions, IsolationLevel isolation)
            throws InterruptedException, ExecutionException {
        if (admin == null) {
            Properties settings = new Properties();
            settings.put("bootstrap.servers", bootstrapServers);
            admin = Admin.create(settings);
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        return admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    @Override
    public void close() {
        if (repeater != null) {
            repeater.close();
            repeater = null;
        }
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    private static RecordHeaders headers(Batch batch, String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_LOGICAL_DATE, batch.logicalDate().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_RUN_ID, batch.runId().getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
