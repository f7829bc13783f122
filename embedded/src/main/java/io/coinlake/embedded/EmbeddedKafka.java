package io.coinlake.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker in KRaft mode, run as a child JVM from Kafka's own jars
 * and bound to 127.0.0.1. Its data lives under {@code <home>/kafka}, so topics and offsets survive
 * {@code down} and {@code up}.
 */
public final class EmbeddedKafka extends ChildService {
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private final String classpath;

    /**
     * @param home      the data home
     * @param port      broker port; the controller listens on the next one
     * @param classpath a classpath holding kafka_2.13 and its dependencies (the CLI's own)
     */
    public EmbeddedKafka(Path home, int port, String classpath) {
        super(home, "kafka", "Kafka broker (KRaft)", home.resolve("kafka").resolve("server.properties").toString());
        this.directory = home.resolve("kafka");
        this.port = port;
        this.classpath = classpath;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String address() {
        return bootstrapServers();
    }

    @Override
    protected void checkPortsFree() throws IOException {
        for (int taken : List.of(port, port + 1)) {
            if (portInUse(taken)) {
                throw portTaken(taken, "COINLAKE_KAFKA_PORT");
            }
        }
    }

    @Override
    protected void prepare(Consumer<String> progress) throws IOException, InterruptedException {
        writeConfiguration();
        if (!Files.exists(dataDirectory().resolve("meta.properties"))) {
            progress.accept("formatting Kafka storage in " + dataDirectory());
            process.runToCompletion(javaCommand("kafka.tools.StorageTool", "format", "-t", clusterId(),
                    "-c", serverProperties().toString(), "--standalone"), FORMAT_TIMEOUT);
        }
    }

    @Override
    protected List<String> command() {
        return javaCommand("kafka.Kafka", serverProperties().toString());
    }

    @Override
    protected boolean ready() throws InterruptedException {
        return answers();
    }

    private boolean answers() throws InterruptedException {
        if (!portInUse(port)) {
            return false;
        }
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(settings)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private List<String> javaCommand(String mainClass, String... args) {
        return java(List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jProperties()), classpath, mainClass, args);
    }

    private Path serverProperties() {
        return directory.resolve("server.properties");
    }

    private Path log4jProperties() {
        return directory.resolve("log4j2.properties");
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    private String clusterId() throws IOException {
        Path file = directory.resolve("cluster.id");
        if (!Files.exists(file)) {
            Files.writeString(file, Uuid.randomUuid().toString(), StandardCharsets.UTF_8);
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private void writeConfiguration() throws IOException {
        Files.createDirectories(dataDirectory());
        String controller = "127.0.0.1:" + (port + 1);
        String server = String.join("\n",
                "# Written by coinlake on every 'up': edit COINLAKE_* settings, not this file.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + bootstrapServers(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDirectory(),
                // One broker: every internal topic must settle for a single replica.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Nobody else joins a group here: do not wait for them.
                "group.initial.rebalance.delay.ms=0",
                // Topics are created with their settings on purpose, never by a typo.
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "");
        Files.writeString(serverProperties(), server, StandardCharsets.UTF_8);
        writeLog4j(log4jProperties(), "kafka.server.KafkaRaftServer");
    }
}
