package io.coinlake.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real Kafka Connect worker in distributed mode, run as a child JVM with its REST API on
 * 127.0.0.1 and the project's sink plugin on its plugin path. Its configuration, offsets and
 * status live in Kafka topics, so connectors survive {@code down} and {@code up}.
 */
public final class EmbeddedConnect extends ChildService {
    /** The worker settings shared with docker-compose's worker, next to this class. */
    static final String SHARED_SETTINGS = "connect-worker.properties";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path directory;
    private final int port;
    private final String bootstrapServers;
    private final String classpath;
    private final Path pluginPath;
    private final Map<String, String> secrets;

    /**
     * @param classpath  a classpath with connect-runtime, connect-json, connect-transforms and Log4j 2
     * @param pluginPath the directory holding plugin directories (connect/target/plugin)
     * @param secrets    environment variables for the worker, which connector configs reference as
     *                   {@code ${env:NAME}} so the values never enter Connect's config topic or REST API
     */
    public EmbeddedConnect(Path home, int port, String bootstrapServers, String classpath, Path pluginPath,
                           Map<String, String> secrets) {
        super(home, "connect", "Kafka Connect worker (distributed)", home.resolve("connect").resolve("worker.properties").toString());
        this.directory = home.resolve("connect");
        this.port = port;
        this.bootstrapServers = bootstrapServers;
        this.classpath = classpath;
        this.pluginPath = pluginPath;
        this.secrets = Map.copyOf(secrets);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public String address() {
        return url();
    }

    @Override
    protected void checkPortsFree() throws IOException {
        if (!Files.isDirectory(pluginPath)) {
            throw new IOException("The Connect plugin directory " + pluginPath + " does not exist. Build the project"
                    + " first (./coinlake builds it, or mvn package).");
        }
        try {
            if (restStatus() != 0) {
                throw portTaken(port, "COINLAKE_CONNECT_PORT");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while checking port " + port, e);
        }
    }

    @Override
    protected void prepare(Consumer<String> progress) throws IOException {
        writeConfiguration();
    }

    @Override
    protected Map<String, String> environment() {
        return secrets;
    }

    @Override
    protected List<String> command() {
        return java(List.of("-Xms128m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties")),
                classpath, "org.apache.kafka.connect.cli.ConnectDistributed", workerProperties().toString());
    }

    /**
     * The REST port opens seconds before the worker has joined its group; until then it answers
     * 404 or 503, so readiness is a 200 from GET /connectors.
     */
    @Override
    protected boolean ready() throws InterruptedException {
        return restStatus() == 200;
    }

    /** The status of GET /connectors, or 0 when nothing answers. */
    private int restStatus() throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/connectors")).timeout(Duration.ofSeconds(3)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The settings every coinlake worker shares, as the file that defines them says them. */
    public static String sharedSettings() throws IOException {
        try (InputStream in = EmbeddedConnect.class.getResourceAsStream(SHARED_SETTINGS)) {
            if (in == null) {
                throw new IOException("The embedded jar has no " + SHARED_SETTINGS + ": rebuild it (mvn package).");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
                "listeners=http://127.0.0.1:" + port,
                "rest.advertised.host.name=127.0.0.1",
                "rest.advertised.port=" + port,
                "plugin.path=" + pluginPath,
                "",
                sharedSettings());
        Files.writeString(workerProperties(), worker, StandardCharsets.UTF_8);
        writeLog4j(directory.resolve("log4j2.properties"), "org.apache.kafka.connect.runtime", "io.coinlake");
    }
}
