package io.coinlake.operations;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.LakeCatalogProperties;
import io.coinlake.config.Launcher;
import io.coinlake.config.Settings;
import io.coinlake.embedded.EmbeddedConnect;
import io.coinlake.embedded.EmbeddedKafka;
import io.coinlake.embedded.EmbeddedRestCatalog;
import io.coinlake.embedded.EmbeddedS3;
import io.coinlake.producer.RawTopic;
import io.coinlake.s3.S3Connection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The services commands need: the embedded ones it manages (S3 server, Kafka broker, Connect
 * worker, and the REST catalog server when COINLAKE_CATALOG_TYPE=rest), or the external ones
 * configured (S3_ENDPOINT, KAFKA_BOOTSTRAP_SERVERS, CONNECT_URL, COINLAKE_REST_CATALOG_URL).
 */
public final class Stack {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final CoinlakeConfig config;
    private final Optional<EmbeddedKafka> embeddedKafka;
    /** The embedded worker's plugin.path and classpath; null: the build's plugin directory and the CLI's classpath. */
    private final Path connectPluginPath;
    private final String connectClasspath;

    public Stack(CoinlakeConfig config) {
        this(config, null, null);
    }

    private Stack(CoinlakeConfig config, Path connectPluginPath, String connectClasspath) {
        this.config = config;
        this.embeddedKafka = config.usesEmbeddedKafka()
                ? Optional.of(new EmbeddedKafka(config.home(), config.get(Settings.COINLAKE_KAFKA_PORT),
                        System.getProperty("java.class.path")))
                : Optional.empty();
        this.connectPluginPath = connectPluginPath;
        this.connectClasspath = connectClasspath;
    }

    /** This stack with an embedded Connect worker that loads its plugins from elsewhere, on another classpath. */
    public Stack withConnectWorker(Path pluginPath, String classpath) {
        return new Stack(config, pluginPath, classpath);
    }

    public Optional<EmbeddedKafka> embeddedKafka() {
        return embeddedKafka;
    }

    public Optional<EmbeddedS3> embeddedS3() {
        return config.usesEmbeddedS3()
                ? Optional.of(new EmbeddedS3(config.home(), config.get(Settings.COINLAKE_S3_PORT),
                        InstallLayout.locate().s3ServerClasspath(), config.get(Settings.S3_ACCESS_KEY),
                        config.get(Settings.S3_SECRET_KEY).reveal()))
                : Optional.empty();
    }

    public Optional<EmbeddedConnect> embeddedConnect() {
        return config.usesEmbeddedConnect()
                ? Optional.of(new EmbeddedConnect(config.home(), config.get(Settings.COINLAKE_CONNECT_PORT),
                        config.bootstrapServers(),
                        connectClasspath != null ? connectClasspath : System.getProperty("java.class.path"),
                        connectPluginPath != null ? connectPluginPath : InstallLayout.locate().connectPluginPath(),
                        Map.of(Settings.S3_SECRET_KEY.name(), config.get(Settings.S3_SECRET_KEY).reveal())))
                : Optional.empty();
    }

    public Optional<EmbeddedRestCatalog> embeddedRestCatalog() {
        return config.usesEmbeddedRestCatalog()
                ? Optional.of(new EmbeddedRestCatalog(config.home(), config.get(Settings.COINLAKE_REST_CATALOG_PORT),
                        InstallLayout.locate().restCatalogClasspath(), LakeCatalogProperties.NAME,
                        LakeCatalogProperties.jdbc(config)))
                : Optional.empty();
    }

    /**
     * Brings everything up in dependency order (S3 and Kafka, the topics, the bucket, the REST
     * catalog, Connect, the sink) and does nothing for what already runs.
     */
    public void up(Consumer<String> progress) throws IOException, InterruptedException {
        Optional<EmbeddedS3> s3 = embeddedS3();
        if (s3.isPresent() && S3Connection.of(config).usesDefaultCredentials()) {
            throw new UserError("S3_ACCESS_KEY is empty, which means the AWS SDK's default credentials chain, but the"
                    + " embedded S3 server needs a key: set S3_ACCESS_KEY and S3_SECRET_KEY, or S3_ENDPOINT to use another store.");
        }
        if (s3.isPresent()) {
            report(s3.get().start(START_TIMEOUT, progress), "S3 server", config.s3Endpoint(), progress);
        } else {
            progress.accept("using the S3 store at " + config.s3Endpoint() + " (S3_ENDPOINT)");
        }
        if (embeddedKafka.isPresent()) {
            report(embeddedKafka.get().start(START_TIMEOUT, progress), "Kafka broker", config.bootstrapServers(), progress);
        } else {
            progress.accept("using the Kafka cluster at " + config.bootstrapServers() + " (KAFKA_BOOTSTRAP_SERVERS)");
        }
        progress.accept("topic " + config.rawTopic() + " ready (" + ensureRawTopic() + " partitions)");
        try (S3Client client = S3Connection.of(config).client()) {
            String bucket = config.get(Settings.COINLAKE_BUCKET);
            progress.accept((LakeBucket.ensure(client, bucket) ? "created" : "found") + " bucket " + bucket);
        }
        Optional<EmbeddedRestCatalog> restCatalog = embeddedRestCatalog();
        if (restCatalog.isPresent()) {
            report(restCatalog.get().start(START_TIMEOUT, progress), "REST catalog server", config.catalogAddress(), progress);
        } else if (config.usesRestCatalog()) {
            progress.accept("using the REST catalog at " + config.restCatalogUrl() + " (COINLAKE_REST_CATALOG_URL)");
        }
        Optional<EmbeddedConnect> connect = embeddedConnect();
        if (connect.isPresent()) {
            report(connect.get().start(START_TIMEOUT, progress), "Connect worker", config.connectUrl(), progress);
        } else {
            progress.accept("using the Connect worker at " + config.connectUrl() + " (CONNECT_URL)");
        }
        BronzeConnector.register(new ConnectClient(config.connectUrl()),
                BronzeConnector.config(InstallLayout.locate().connectorConfig(), config), START_TIMEOUT, progress);
    }

    /**
     * Stops what is embedded, Connect first (it needs the broker to shut down cleanly), S3 last.
     * The REST catalog server stops whatever the catalog type now says: it may have been started
     * under another setting.
     */
    public void down(Consumer<String> progress) throws InterruptedException {
        Optional<EmbeddedConnect> connect = embeddedConnect();
        if (connect.isPresent()) {
            stopped(connect.get().stop(), "Connect worker", progress);
        }
        EmbeddedRestCatalog restCatalog = new EmbeddedRestCatalog(config.home(), config.get(Settings.COINLAKE_REST_CATALOG_PORT),
                "", LakeCatalogProperties.NAME, Map.of());
        boolean restCatalogRan = restCatalog.stop();
        if (restCatalogRan || config.usesEmbeddedRestCatalog()) {
            stopped(restCatalogRan, "REST catalog server", progress);
        }
        if (embeddedKafka.isPresent()) {
            stopped(embeddedKafka.get().stop(), "Kafka broker", progress);
        }
        Optional<EmbeddedS3> s3 = embeddedS3();
        if (s3.isPresent()) {
            stopped(s3.get().stop(), "S3 server", progress);
        }
    }

    private static void report(boolean started, String what, String where, Consumer<String> progress) {
        progress.accept(what + (started ? " ready on " : " already running on ") + where);
    }

    private static void stopped(boolean wasRunning, String what, Consumer<String> progress) {
        progress.accept(what + (wasRunning ? " stopped" : " was not running"));
    }

    /** Creates the raw topic if missing (on an external cluster nobody may have run 'up'); returns its partitions. */
    public int ensureRawTopic() throws InterruptedException {
        try (Admin admin = admin()) {
            return RawTopic.ensure(admin, config.rawTopic(), config.get(Settings.COINLAKE_RAW_TOPIC_PARTITIONS));
        }
    }

    /** Fails with a clear message when commands that need the broker run before 'up'. */
    public void requireKafka() {
        if (embeddedKafka.isPresent() && embeddedKafka.get().running().isEmpty()) {
            throw new UserError("The embedded Kafka broker is not running (data home " + config.home()
                    + "). Start it with '" + Launcher.COMMAND + " up', or set KAFKA_BOOTSTRAP_SERVERS to use another cluster.");
        }
    }

    public Admin admin() {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(settings);
    }
}
