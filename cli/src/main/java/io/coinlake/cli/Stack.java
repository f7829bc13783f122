package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.embedded.EmbeddedKafka;
import io.coinlake.producer.RawTopic;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The services a command needs: the embedded ones it manages, or the external ones configured. */
final class Stack {
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final CoinlakeConfig config;
    private final Optional<EmbeddedKafka> embeddedKafka;

    Stack(CoinlakeConfig config) {
        this.config = config;
        this.embeddedKafka = config.usesEmbeddedKafka()
                ? Optional.of(new EmbeddedKafka(config.home(), config.get(Settings.COINLAKE_KAFKA_PORT),
                        System.getProperty("java.class.path")))
                : Optional.empty();
    }

    Optional<EmbeddedKafka> embeddedKafka() {
        return embeddedKafka;
    }

    /** Starts what is embedded and not running, then makes sure the raw topic exists. */
    void up(Consumer<String> progress) throws IOException, InterruptedException {
        if (embeddedKafka.isPresent()) {
            boolean started = embeddedKafka.get().start(START_TIMEOUT, progress);
            progress.accept(started ? "Kafka broker ready on " + config.bootstrapServers()
                    : "Kafka broker already running on " + config.bootstrapServers());
        } else {
            progress.accept("using the Kafka cluster at " + config.bootstrapServers() + " (KAFKA_BOOTSTRAP_SERVERS)");
        }
        progress.accept("topic " + config.rawTopic() + " ready (" + ensureRawTopic() + " partitions)");
    }

    /** Creates the raw topic if missing (on an external cluster nobody may have run 'up'); returns its partitions. */
    int ensureRawTopic() throws InterruptedException {
        try (Admin admin = admin()) {
            return RawTopic.ensure(admin, config.rawTopic(), config.get(Settings.COINLAKE_RAW_TOPIC_PARTITIONS));
        }
    }

    /** Fails with a clear message when commands that need the broker run before 'up'. */
    void requireKafka() {
        if (embeddedKafka.isPresent() && embeddedKafka.get().running().isEmpty()) {
            throw new UserError("The embedded Kafka broker is not running (data home " + config.home()
                    + "). Start it with './coinlake up', or set KAFKA_BOOTSTRAP_SERVERS to use another cluster.");
        }
    }

    Admin admin() {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(settings);
    }
}
