package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.producer.ProduceManifest;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until bronze holds the latest produce run of a date: the sink commits an offset only once
 * the records before it are uploaded, so a committed offset past the batch's end-of-batch marker
 * on every partition means the whole batch is in S3.
 */
final class BronzeWait {
    private BronzeWait() {
    }

    record Landed(LocalDate date, String runId, int records, String offsets) {
        @Override
        public String toString() {
            return "bronze has all " + records + " records of run " + runId + " for " + date
                    + " (sink committed/needed offsets per partition: " + offsets + ")";
        }
    }

    static Landed await(CoinlakeConfig config, LocalDate date, Duration timeout, Consumer<String> progress)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Stack stack = new Stack(config);
        stack.requireKafka();
        ProduceManifest.Recorded run = ProduceManifest.read(config.home(), date).orElseThrow(() -> new UserError(
                "No produce run is recorded for " + date + " under " + config.home() + ". Run './coinlake produce --date "
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
                            + config.connectUrl() + ". Run './coinlake up'.");
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
                    return new Landed(date, run.runId(), run.records(), offsets.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new UserError("Bronze for " + date + " is not complete after " + timeout.toSeconds() + " s: sink at "
                            + offsets + " (committed/needed per partition); the sink is " + status
                            + ". See './coinlake status' and the Connect log.");
                }
                if (System.nanoTime() > nextNote) {
                    progress.accept(date + ": waiting for the sink, " + behind + " partition(s) behind (" + offsets + ")");
                    nextNote = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
                Thread.sleep(500);
            }
        }
    }
}
