package io.coinlake.operations;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Launcher;
import io.coinlake.config.Settings;
import io.coinlake.s3.S3Connection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Asks one part of the stack (embedded or external) for an answer, within a timeout each. */
public final class StackCheck {
    public static final List<String> PARTS = List.of("kafka", "connect", "s3", "catalog");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A part that did not answer: what was seen, and what to do. */
    public static final class Down extends Exception {
        private static final long serialVersionUID = 1L;

        Down(String message) {
            super(message);
        }
    }

    private StackCheck() {
    }

    /** What answered, e.g. "1 broker(s) at 127.0.0.1:19092". */
    public static String probe(String part, CoinlakeConfig config) throws Exception {
        return switch (part) {
            case "kafka" -> kafka(config);
            case "connect" -> connect(config);
            case "s3" -> s3(config);
            case "catalog" -> catalog(config);
            default -> throw new UserError("Unknown part '" + part + "': name kafka, connect, s3 or catalog.");
        };
    }

    private static final String START_EMBEDDED = "Start the embedded stack with '" + Launcher.COMMAND + " up'.";

    private static String startHint(boolean embedded, String setting) {
        return embedded ? START_EMBEDDED : "Check that it runs and that " + setting + " points at it.";
    }

    private static String kafka(CoinlakeConfig config) throws Down, InterruptedException {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(settings)) {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
            return brokers + " broker(s) at " + config.bootstrapServers();
        } catch (ExecutionException | TimeoutException e) {
            throw new Down("no broker answered at " + config.bootstrapServers() + " within " + TIMEOUT.toSeconds() + " s. "
                    + startHint(config.usesEmbeddedKafka(), "KAFKA_BOOTSTRAP_SERVERS"));
        }
    }

    private static String connect(CoinlakeConfig config) throws Down, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(config.connectUrl() + "/"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new Down("the worker at " + config.connectUrl() + " answered HTTP " + response.statusCode()
                        + ". Look at its log (" + Launcher.COMMAND + " status shows where).");
            }
            ConnectClient.Status sink = new ConnectClient(config.connectUrl()).status(BronzeConnector.NAME);
            return "worker at " + config.connectUrl() + ", bronze sink " + (sink == null ? "not registered yet" : sink);
        } catch (IOException e) {
            throw new Down("no Connect worker answered at " + config.connectUrl() + " (" + e.getClass().getSimpleName()
                    + "). " + startHint(config.usesEmbeddedConnect(), "CONNECT_URL"));
        }
    }

    private static String s3(CoinlakeConfig config) throws Down {
        String bucket = config.get(Settings.COINLAKE_BUCKET);
        try (S3Client s3 = S3Connection.of(config).client()) {
            s3.headBucket(b -> b.bucket(bucket));
            return "bucket " + bucket + " at " + config.s3Endpoint();
        } catch (NoSuchBucketException e) {
            throw new Down("the store at " + config.s3Endpoint() + " answers but has no bucket " + bucket
                    + ". '" + Launcher.COMMAND + " up' creates it.");
        } catch (SdkException e) {
            throw new Down("the S3 store at " + config.s3Endpoint() + " did not answer (" + firstLine(e.getMessage()) + "). "
                    + startHint(config.usesEmbeddedS3(), "S3_ENDPOINT"));
        }
    }

    /** The catalog is checked by the Spark jobs' JVM, which has its drivers and Iceberg. */
    private static String catalog(CoinlakeConfig config) throws Exception {
        // The catalog's tables live in the S3 store; the Spark JVM would refuse to start without it.
        String missing = SparkJob.missingService(config);
        if (missing != null) {
            throw new Down("not checked: the embedded " + missing + ". " + START_EMBEDDED);
        }
        int exit = SparkJob.run(config, List.of("check-catalog"));
        if (exit != 0) {
            throw new Down("the catalog at " + config.catalogAddress() + " did not answer: see the line above.");
        }
        return config.catalogAddress();
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
