package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.embedded.EmbeddedKafka;
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
        description = "Show whether the stack runs and what the raw topic holds. Exit code 3 when Kafka is unreachable.")
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
        if (stack.embeddedKafka().isPresent()) {
            EmbeddedKafka kafka = stack.embeddedKafka().get();
            Optional<ProcessHandle> process = kafka.running();
            out.println("kafka       " + process.map(p -> "running (embedded, pid " + p.pid() + ") on " + kafka.bootstrapServers())
                    .orElse("stopped (embedded): start it with './coinlake up'"));
            if (process.isEmpty()) {
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
        return 0;
    }
}
