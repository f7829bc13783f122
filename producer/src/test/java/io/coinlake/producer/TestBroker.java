package io.coinlake.producer;

import io.coinlake.embedded.EmbeddedKafka;
import io.coinlake.embedded.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** One real embedded broker per test JVM, started on first use and stopped when the JVM exits. */
final class TestBroker {
    private static EmbeddedKafka kafka;

    private TestBroker() {
    }

    static synchronized String bootstrapServers() throws Exception {
        if (kafka == null) {
            Path home = Files.createTempDirectory("coinlake-test-broker");
            EmbeddedKafka started = new EmbeddedKafka(home, FreePorts.pair(), System.getProperty("java.class.path"));
            started.start(Duration.ofSeconds(120), line -> System.out.println("[test broker] " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            kafka = started;
        }
        return kafka.bootstrapServers();
    }
}
