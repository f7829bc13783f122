package io.coinlake.cli;

import io.coinlake.embedded.EmbeddedKafka;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop every process of the embedded stack. Data stays under COINLAKE_HOME for the next 'up'.")
final class DownCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress("down");
        Stack stack = new Stack(config.resolve());
        if (stack.embeddedKafka().isEmpty()) {
            progress.accept("KAFKA_BOOTSTRAP_SERVERS is set: no embedded broker to stop");
            return 0;
        }
        EmbeddedKafka kafka = stack.embeddedKafka().get();
        progress.accept(kafka.stop() ? "Kafka broker stopped" : "Kafka broker was not running");
        return 0;
    }
}
