package io.coinlake.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real Kafka Connect worker in distributed mode, run as a child JVM with its REST API on
 * 127.0.0.1 and the project's sink plugin on its plugin path. Its configuration, offsets and
 * status live in Kafka topics, so connectors survive {@code down} and {@code up}.
 */
public final class EmbeddedConnect {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path directory;
    private final int port;
    private final String bootstrapServers;
    private final String classpath;
    private final Path pluginPath;
    private final ManagedProcess process;

    /**
     * @param classpath  a classpath with connect-runtime, connect-json, connect-transforms and Log4j 2
     * @param pluginPath the directory holding plugin directories (connect/target/plugin)
     */
    public EmbeddedConnect(Path home, int port, String bootstrapServers, String classpath, Path pluginPath) {
        this.directory = home.resolve("connect");
        this.port = port;
        this.bootstrapServers = bootstrapServers;
        this.classpath = classpath;
        this.pluginPath = pluginPath;
        this.process = new ManagedProcess("connect", home.resolve("run"), home.resolve("logs").resolve("connect.log"),
                workerProperties().toString());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Optional<ProcessHandle> running() {
        return process.running();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** Starts the worker unless it runs, and waits until its REST API serves requests. */
    public boolean start(Duration timeout, Consumer<String> progress) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = process.running();
        if (running.isPresent()) {
            waitUntilReady(running.get(), timeout, progress);
            return false;
        }
        if (!Files.isDirectory(pluginPath)) {
            throw new IOException("The Connect plugin directory " + pluginPath + " does not exist. Build the project"
                    + " first (./coinlake builds it, or mvn package).");
        }
        if (restAnswers() != 0) {
            throw new IOException("Port " + port + " on 127.0.0.1 is used by another program, so the embedded Connect"
                    + " worker cannot start. Stop that program or set COINLAKE_CONNECT_PORT to a free port.");
        }
        writeConfiguration();
        progress.accept("starting Kafka Connect worker (distributed) on " + url() + ", log: " + process.logFile());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true", "-Djava.net.preferIPv4Stack=true",
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"),
                "-cp", classpath, "org.apache.kafka.connect.cli.ConnectDistributed", workerProperties().toString()));
        ProcessHandle started = process.start(command);
        waitUntilReady(started, timeout, progress);
        return true;
    }

    public boolean stop() throws InterruptedException {
        return process.stop(STOP_GRACE);
    }

    /** Kills the worker without a chance to commit or clean up, as a crash would. For tests. */
    public void kill() throws InterruptedException {
        Optional<ProcessHandle> handle = process.running();
        if (handle.isPresent()) {
            handle.get().destroyForcibly();
            while (handle.get().isAlive()) {
                Thread.sleep(50);
            }
        }
    }

    /**
     * The REST port opens seconds before the worker has joined its group; until then it answers
     * 404 or 503, so readiness is a 200 from GET /connectors.
     */
    private void waitUntilReady(ProcessHandle worker, Duration timeout, Consumer<String> progress)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextNote = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (restAnswers() != 200) {
            if (!worker.isAlive()) {
                throw new IOException("The Connect worker exited while starting. " + process.logHint());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("The Connect worker was not ready on " + url() + " within " + timeout.toSeconds()
                        + " s. " + process.logHint());
            }
            if (System.nanoTime() > nextNote) {
                progress.accept("waiting for the Connect worker to join its group...");
                nextNote = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            }
            Thread.sleep(500);
        }
    }

    /** The status of GET /connectors, or 0 when nothing answers. */
    private int restAnswers() throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/connectors")).timeout(Duration.ofSeconds(3)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    private Path workerProperties() {
        return directory.resolve("worker.properties");
    }

    private void writeConfiguration() throws IOException {
        Files.createDirectories(directory);
        String worker = String.join("\n",
                "# Written by coinlake on every 'up': change the settings, not this file.",
                "bootstrap.servers=" + bootstrapServers,
                "group.id=coinlake-connect",
                "listeners=http://127.0.0.1:" + port,
                "rest.advertised.host.name=127.0.0.1",
                "rest.advertised.port=" + port,
                "plugin.path=" + pluginPath,
                // Plugins declare themselves in META-INF/services: no slow classpath scan at start.
                "plugin.discovery=service_load",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter",
                "config.storage.topic=_coinlake-connect-configs",
                "offset.storage.topic=_coinlake-connect-offsets",
                "status.storage.topic=_coinlake-connect-status",
                // One broker: the worker's topics can have one replica only.
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                // Commit sink offsets every 2 s, so 'bronze wait' sees landed batches promptly.
                "offset.flush.interval.ms=2000",
                // Lets the bronze sink read committed transactions only (consumer.override.*).
                "connector.client.config.override.policy=All",
                "");
        Files.writeString(workerProperties(), worker, StandardCharsets.UTF_8);
        String log4j = String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.out.ref = out",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = warn",
                "logger.runtime.name = org.apache.kafka.connect.runtime",
                "logger.runtime.level = info",
                "logger.coinlake.name = io.coinlake",
                "logger.coinlake.level = info",
                "");
        Files.writeString(directory.resolve("log4j2.properties"), log4j, StandardCharsets.UTF_8);
    }
}
