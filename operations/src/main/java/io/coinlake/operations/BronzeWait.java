package io.coinlake.operations;

import io.coinlake.bronze.BronzeObjectKey;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Launcher;
import io.coinlake.config.Settings;
import io.coinlake.producer.ProduceManifest;
import io.coinlake.s3.S3Connection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Waits until bronze holds the latest produce run of a date: the sink commits an offset only once
 * the records before it are uploaded, so a committed offset past the batch's end-of-batch marker
 * on every partition means the whole batch should be in S3. Then it checks that it is: the date's
 * objects must hold every offset of the run on each partition, with no hole, since a hole past
 * the committed offset never fills by itself.
 */
public final class BronzeWait {
    /** Well under the sink's offset commit interval (offset.flush.interval.ms, 500): a poll is two small requests. */
    private static final long POLL_MILLIS = 200;

    private BronzeWait() {
    }

    public record Landed(LocalDate date, String runId, int records, String offsets) {
        @Override
        public String toString() {
            return "bronze has all " + records + " records of run " + runId + " for " + date
                    + " (sink committed/needed offsets per partition: " + offsets + ")";
        }
    }

    public static Landed await(CoinlakeConfig config, LocalDate date, Duration timeout, Consumer<String> progress)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Stack stack = new Stack(config);
        stack.requireKafka();
        ProduceManifest.Recorded run = ProduceManifest.read(config.home(), date).orElseThrow(() -> new UserError(
                "No produce run is recorded for " + date + " under " + config.home() + ". Run '" + Launcher.COMMAND + " produce --date "
                        + date + "' first."));
        Map<TopicPartition, Long> needed = new TreeMap<>((a, b) -> Integer.compare(a.partition(), b.partition()));
        run.markerOffsets().forEach((partition, marker) -> needed.put(new TopicPartition(run.topic(), partition), marker + 1));

        ConnectClient connect = new ConnectClient(config.connectUrl());
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextNote = 0;
        try (Admin admin = stack.admin()) {
            while (true) {
                ConnectClient.Status status = connect.status(BronzeConnector.NAME);
                if (status == null) {
                    throw new UserError("The bronze sink " + BronzeConnector.NAME + " is not registered at "
                            + config.connectUrl() + ". Run '" + Launcher.COMMAND + " up'.");
                }
                if (status.failed()) {
                    throw new UserError("The bronze sink has failed: " + status + ". See the Connect log, fix the cause"
                            + " and restart the task (docs/runbook.md).");
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(BronzeConnector.CONSUMER_GROUP)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                int behind = 0;
                StringBuilder offsets = new StringBuilder();
                for (Map.Entry<TopicPartition, Long> target : needed.entrySet()) {
                    OffsetAndMetadata at = committed.get(target.getKey());
                    long offset = at == null ? 0 : at.offset();
                    behind += offset >= target.getValue() ? 0 : 1;
                    offsets.append(offsets.length() == 0 ? "" : ", ").append(target.getKey().partition()).append(": ")
                            .append(offset).append('/').append(target.getValue());
                }
                if (behind == 0) {
                    verifyObjects(config, run);
                    return new Landed(date, run.runId(), run.records(), offsets.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new UserError("Bronze for " + date + " is not complete after " + timeout.toSeconds() + " s: sink at "
                            + offsets + " (committed/needed per partition); the sink is " + status
                            + ". See '" + Launcher.COMMAND + " status' and the Connect log.");
                }
                if (System.nanoTime() > nextNote) {
                    progress.accept(date + ": waiting for the sink, " + behind + " partition(s) behind (" + offsets + ")");
                    nextNote = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    /** Fails, naming the missing offsets and how to land them again, unless the run's objects hold all of it. */
    public static void verifyObjects(CoinlakeConfig config, ProduceManifest.Recorded run) throws IOException {
        Map<Integer, List<BronzeCoverage.LandedObject>> byPartition = new TreeMap<>();
        String bucket = config.get(Settings.COINLAKE_BUCKET);
        String prefix = BronzeObjectKey.datePrefix(BronzeObjectKey.PREFIX, run.topic(), run.logicalDate());
        try (S3Client s3 = S3Connection.of(config).client()) {
            for (S3Object listed : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                Optional<BronzeObjectKey> key = BronzeObjectKey.parse(listed.key());
                if (key.isEmpty()) {
                    continue;
                }
                long first = key.get().firstOffset();
                Long runFirst = run.firstOffsets().get(key.get().partition());
                Long marker = run.markerOffsets().get(key.get().partition());
                if (runFirst == null || marker == null || first < runFirst || first >= marker) {
                    continue; // another run of this date
                }
                byPartition.computeIfAbsent(key.get().partition(), p -> new ArrayList<>())
                        .add(new BronzeCoverage.LandedObject(first, lines(s3, bucket, key.get())));
            }
        } catch (SdkException e) {
            throw new UserError("Cannot check bronze for " + run.logicalDate() + " at " + config.s3Endpoint() + ": "
                    + e.getMessage() + ". Is the S3 store up? See '" + Launcher.COMMAND + " status'.");
        }
        StringBuilder holes = new StringBuilder();
        long earliest = Long.MAX_VALUE;
        for (Map.Entry<Integer, Long> first : run.firstOffsets().entrySet()) {
            if (first.getValue() < 0) {
                continue; // no record of this run went to that partition
            }
            List<BronzeCoverage.Gap> gaps = BronzeCoverage.gaps(first.getValue(), run.markerOffsets().get(first.getKey()),
                    byPartition.getOrDefault(first.getKey(), List.of()));
            if (!gaps.isEmpty()) {
                holes.append(holes.length() == 0 ? "" : "; ").append("partition ").append(first.getKey()).append(": ")
                        .append(gaps.stream().map(BronzeCoverage.Gap::toString).collect(Collectors.joining(", ")));
                earliest = Math.min(earliest, gaps.get(0).from());
            }
        }
        if (holes.length() > 0) {
            throw new UserError("Bronze for " + run.logicalDate() + " (run " + run.runId() + ") is not whole although the sink"
                    + " committed past it: s3://" + bucket + "/" + prefix + " lacks the offsets " + holes + ". They will not"
                    + " come back by themselves: land them again with '" + Launcher.COMMAND + " replay --from-date " + run.logicalDate()
                    + "' (or '" + Launcher.COMMAND + " replay --from-offset " + earliest + "'); objects already there stay byte-identical."
                    + " Offsets sent to the dead-letter topic also show here (docs/runbook.md).");
        }
    }

    private static long lines(S3Client s3, String bucket, BronzeObjectKey key) throws IOException {
        byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key.key())).asByteArray();
        if (key.gzip()) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        long lines = 0;
        for (byte b : body) {
            lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }
}
