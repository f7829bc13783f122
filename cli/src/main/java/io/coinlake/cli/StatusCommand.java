package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show whether each service of the stack runs, the bronze sink's state and lag, and what the raw"
                + " topic holds. Exit code 3 when something is down.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CoinlakeConfig effective = config.resolve();
        Stack stack = new Stack(effective);
        out.println("data home   " + effective.home());
        boolean healthy = true;
        if (effective.usesEmbeddedS3()) {
            healthy &= line(out, "s3", stack.embeddedS3().orElseThrow().running(), "embedded, " + effective.s3Endpoint());
        } else {
            out.println("s3          external at " + effective.s3Endpoint());
        }
        if (effective.usesEmbeddedConnect()) {
            healthy &= line(out, "connect", stack.embeddedConnect().orElseThrow().running(), "embedded, " + effective.connectUrl());
        } else {
            out.println("connect     external at " + effective.connectUrl());
        }
        try {
            ConnectClient.Status sink = new ConnectClient(effective.connectUrl()).status(BronzeConnector.NAME);
            out.println("bronze sink " + (sink == null ? "not registered: './coinlake up' registers it" : sink));
            healthy &= sink != null && sink.running();
        } catch (IOException e) {
            out.println("bronze sink unknown: " + e.getMessage());
            healthy = false;
        }
        if (stack.embeddedKafka().isPresent()) {
            if (!line(out, "kafka", stack.embeddedKafka().get().running(), "embedded, " + effective.bootstrapServers())) {
                return 3;
            }
        } else {
            out.println("kafka       external cluster at " + effective.bootstrapServers());
        }
        try (Admin admin = stack.admin()) {
            String topic = effective.rawTopic();
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(15, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<Integer, Long> ends = new TreeMap<>();
            admin.listOffsets(request).all().get(15, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            out.println("raw topic   " + topic + ": " + ends.size() + " partitions, end offsets " + ends);
            Map<Integer, Long> committed = new TreeMap<>();
            admin.listConsumerGroupOffsets(BronzeConnector.CONSUMER_GROUP).partitionsToOffsetAndMetadata()
                    .get(15, TimeUnit.SECONDS).forEach((tp, offset) -> {
                        if (tp.topic().equals(topic)) {
                            committed.put(tp.partition(), offset.offset());
                        }
                    });
            long lag = ends.entrySet().stream().mapToLong(e -> e.getValue() - committed.getOrDefault(e.getKey(), 0L)).sum();
            // Each committed transaction ends with a marker the sink never receives: a fully landed
            // partition can sit one offset below its end.
            out.println("sink lag    " + lag + " offsets (committed " + committed + "; up to 1 per partition is a"
                    + " transaction marker, not data)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                out.println("raw topic   " + effective.rawTopic() + " does not exist yet: './coinlake up' creates it");
                return 0;
            }
            out.println("kafka       unreachable at " + effective.bootstrapServers() + ": " + e.getCause().getMessage());
            return 3;
        } catch (TimeoutException e) {
            out.println("kafka       unreachable at " + effective.bootstrapServers() + " (no answer in 15 s)");
            return 3;
        }
        return healthy ? 0 : 3;
    }

    /** Prints one service's line; returns whether it runs. */
    private static boolean line(PrintWriter out, String name, Optional<ProcessHandle> process, String where) {
        out.printf("%-11s %s%n", name, process.map(p -> "running (" + where + ", pid " + p.pid() + ")")
                .orElse("stopped (" + where + "): start it with './coinlake up'"));
        return process.isPresent();
    }
}
