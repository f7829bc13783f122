package io.coinlake.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real broker as a child JVM: start, idempotent start, stop, and data kept across restarts. */
class EmbeddedKafkaTest {
    @TempDir
    Path home;

    @Test
    void startsStopsAndKeepsTopicsAcrossRestarts() throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka(home, FreePorts.pair(), System.getProperty("java.class.path"));
        List<String> progress = new ArrayList<>();
        try {
            assertThat(kafka.start(Duration.ofSeconds(90), progress::add)).isTrue();
            long pid = kafka.running().orElseThrow().pid();
            assertThat(progress).anyMatch(line -> line.startsWith("formatting Kafka storage"));
            try (Admin admin = admin(kafka)) {
                admin.createTopics(Set.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }

            assertThat(kafka.start(Duration.ofSeconds(30), progress::add)).as("second start is a no-op").isFalse();
            assertThat(kafka.running().orElseThrow().pid()).isEqualTo(pid);

            assertThat(kafka.stop()).isTrue();
            assertThat(kafka.running()).isEmpty();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(kafka.stop()).as("stopping a stopped broker").isFalse();

            progress.clear();
            assertThat(kafka.start(Duration.ofSeconds(90), progress::add)).isTrue();
            assertThat(progress).noneMatch(line -> line.startsWith("formatting"));
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
            }
        } finally {
            kafka.stop();
        }
    }

    @Test
    void stalePidFileCountsAsStopped() throws Exception {
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/kafka.pid"), Long.toString(ProcessHandle.current().pid()));

        EmbeddedKafka kafka = new EmbeddedKafka(home, FreePorts.pair(), "unused");

        assertThat(kafka.running()).as("our own pid is alive but is not this broker").isEmpty();
    }

    @Test
    void busyPortGivesAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafka kafka = new EmbeddedKafka(home, taken.getLocalPort(), System.getProperty("java.class.path"));

            assertThatThrownBy(() -> kafka.start(Duration.ofSeconds(5), line -> { }))
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("COINLAKE_KAFKA_PORT");
        }
    }

    private static Admin admin(EmbeddedKafka kafka) {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        return Admin.create(settings);
    }
}
