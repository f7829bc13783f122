package io.coinlake.connect.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Lands records as write-once objects. Objects close from the data alone (see {@link ObjectBatcher})
 * and are uploaded as soon as they close; {@link #preCommit} hands Connect only offsets whose
 * records are uploaded or dead-lettered, so a crash anywhere redelivers into identical objects.
 *
 * <p>A failed upload keeps every object and record the task holds and throws
 * {@link RetriableException}: Connect then pauses the partitions and calls {@code put} again with
 * the same records only, which the batchers recognise as seen, and the uploads are retried in order.
 */
public final class BronzeSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(BronzeSinkTask.class);
    /** How long Connect waits before redelivering after a failed upload, doubled per failure up to the maximum. */
    static final long FIRST_RETRY_BACKOFF_MS = 250;
    static final long MAX_RETRY_BACKOFF_MS = 5_000;

    private BronzeSinkConfig config;
    private RecordClassifier classifier;
    private WriteOnceStore store;
    private ErrantRecordReporter deadLetters;
    private final Map<TopicPartition, ObjectBatcher> batchers = new HashMap<>();
    private final List<Future<Void>> pendingDeadLetters = new ArrayList<>();
    private int failedUploadsInARow;

    @Override
    public String version() {
        return BronzeSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> settings) {
        config = new BronzeSinkConfig(settings);
        classifier = config.classifier();
        store = S3WriteOnceStore.from(config);
        deadLetters = context == null ? null : context.errantRecordReporter();
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        // Connect rewinds each partition to its committed offset: a fresh batcher starts there.
        for (TopicPartition partition : partitions) {
            batchers.put(partition, new ObjectBatcher(config.prefix(), partition.topic(), partition.partition(),
                    config.flushSize(), config.gzip()));
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // What is still open was never committed, so whoever owns the partition next redelivers it.
        partitions.forEach(batchers::remove);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.kafkaPartition());
            ObjectBatcher batcher = batchers.computeIfAbsent(partition, p -> new ObjectBatcher(config.prefix(),
                    p.topic(), p.partition(), config.flushSize(), config.gzip()));
            long offset = record.kafkaOffset();
            byte[] value = valueBytes(record);
            RecordClassifier.Verdict verdict = classifier.classify(value, record.timestamp());
            if (verdict.isRejected()) {
                if (batcher.skip(offset)) {
                    deadLetter(record, verdict.rejection());
                }
            } else if (verdict.isEndOfBatch()) {
                batcher.endOfBatch(offset);
            } else {
                batcher.add(offset, verdict.date(), value);
            }
        }
        landClosedObjects();
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        awaitDeadLetters();
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        batchers.forEach((partition, batcher) -> batcher.committableOffset().ifPresent(offset -> {
            // While a put is being retried Connect has not counted its records yet, and refuses more.
            OffsetAndMetadata consumed = currentOffsets.get(partition);
            safe.put(partition, new OffsetAndMetadata(consumed == null ? offset : Math.min(offset, consumed.offset())));
        }));
        return safe;
    }

    @Override
    public void stop() {
        try {
            if (store != null) {
                store.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the S3 client failed: {}", e.toString());
        }
    }

    /** Uploads every closed object, oldest first per partition; a failure keeps it and all after it for the retry. */
    private void landClosedObjects() {
        for (ObjectBatcher batcher : batchers.values()) {
            Optional<ObjectBatcher.ClosedObject> next = batcher.nextToLand();
            while (next.isPresent()) {
                upload(next.get());
                batcher.landed(next.get());
                next = batcher.nextToLand();
            }
        }
        failedUploadsInARow = 0;
    }

    private void upload(ObjectBatcher.ClosedObject object) {
        String key = object.key().key();
        try {
            WriteOnceStore.Outcome outcome = store.putIfAbsent(key, ObjectEncoder.encode(object));
            LOG.info("{} {} ({} records)", outcome == WriteOnceStore.Outcome.WRITTEN ? "landed" : "already landed, identical:",
                    key, object.lines().size());
        } catch (WriteOnceStore.ConflictingObjectException e) {
            throw new ConnectException(e.getMessage(), e);
        } catch (S3Exception e) {
            if (isPermanent(e)) {
                // Retrying cannot help: fail the task, with the cause, until the user fixes it and restarts it.
                throw new ConnectException("Upload of " + key + " was refused by the S3 store: " + e.getMessage()
                        + ". Check the bucket, the credentials and"
                        + " their permissions, then restart the task; nothing after the last landed object is committed.", e);
            }
            throw retriable(key, e);
        } catch (SdkException e) {
            throw retriable(key, e);
        }
    }

    /**
     * 4xx answers mean the request itself is wrong, except a timeout, throttling, and 409, which S3
     * answers when two conditional writes of one key race.
     */
    private static boolean isPermanent(S3Exception e) {
        int status = e.statusCode();
        return status >= 400 && status < 500 && status != 408 && status != 409 && status != 429;
    }

    private RetriableException retriable(String key, SdkException e) {
        long backoff = Math.min(MAX_RETRY_BACKOFF_MS, FIRST_RETRY_BACKOFF_MS << Math.min(failedUploadsInARow, 10));
        failedUploadsInARow++;
        if (context != null) {
            context.timeout(backoff);
        }
        LOG.warn("upload of {} failed (attempt {}), retrying in {} ms; {} object(s) wait: {}", key, failedUploadsInARow,
                backoff, unlandedObjects(), e.toString());
        return new RetriableException("Upload of " + key + " failed: " + e.getMessage(), e);
    }

    private int unlandedObjects() {
        return batchers.values().stream().mapToInt(ObjectBatcher::unlandedObjects).sum();
    }

    private void deadLetter(SinkRecord record, String reason) {
        if (deadLetters == null) {
            throw new ConnectException("Record " + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset()
                    + " cannot be landed (" + reason + ") and no dead-letter queue is configured: set"
                    + " errors.tolerance=all and errors.deadletterqueue.topic.name on the connector.");
        }
        LOG.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.kafkaPartition(), record.kafkaOffset(), reason);
        pendingDeadLetters.add(deadLetters.report(record, new DataException(reason)));
    }

    private void awaitDeadLetters() {
        try {
            for (Future<Void> pending : pendingDeadLetters) {
                pending.get();
            }
            pendingDeadLetters.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while writing to the dead-letter queue", e);
        } catch (ExecutionException e) {
            throw new ConnectException("Writing to the dead-letter queue failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static byte[] valueBytes(SinkRecord record) {
        Object value = record.value();
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }
}
