package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.embedded.EmbeddedRestCatalog;
import io.coinlake.embedded.EmbeddedS3;
import io.coinlake.operations.BronzeConnector;
import io.coinlake.operations.ConnectClient;
import io.coinlake.operations.SparkJob;
import io.coinlake.operations.UserError;
import io.coinlake.s3.S3Connection;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Ask each part of the stack for an answer, embedded or external: the broker, the Connect"
                + " worker, the S3 store and the Iceberg catalog (all four unless named).",
            "Exit code 3: a part is down; its line says which and what to do."})
final class CheckCommand implements Callable<Integer> {
    static final int DOWN = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Mixin
    private ConfigOptions config;

    @Parameters(arity = "0..*", paramLabel = "PART", description = "kafka, connect, s3 or catalog")
    private List<String> parts = List.of("kafka", "connect", "s3", "catalog");

    @Spec
    private CommandSpec spec;

    /** A part that did not answer: what was seen, and what to do. */
    private static final class Down extends Exception {
        private static final long serialVersionUID = 1L;

        Down(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws Exception {
        CoinlakeConfig effective = config.resolve();
        Map<String, Callable<String>> probes = new LinkedHashMap<>();
        probes.put("kafka", () -> kafka(effective));
        probes.put("connect", () -> connect(effective));
        probes.put("s3", () -> s3(effective));
        probes.put("catalog", () -> catalog(effective));
        PrintWriter out = spec.commandLine().getOut();
        boolean allUp = true;
        for (String part : parts) {
            Callable<String> probe = probes.get(part);
            if (probe == null) {
                throw new UserError("Unknown part '" + part + "': name kafka, connect, s3 or catalog.");
            }
            try {
                out.printf("%-8s ok    %s%n", part, probe.call());
            } catch (Down down) {
                out.printf("%-8s DOWN  %s%n", part, down.getMessage());
                allUp = false;
            }
            out.flush();
        }
        return allUp ? 0 : DOWN;
    }

    private static String startHint(boolean embedded, String setting) {
        return embedded ? "Start the embedded stack with './coinlake up'." : "Check that it runs and that " + setting + " points at it.";
    }

    private static String kafka(CoinlakeConfig config) throws Down, InterruptedException {
        // The client warns on every reconnect while no broker answers: the DOWN line says it once.
        Configurator.setLevel("org.apache.kafka.clients.NetworkClient", Level.ERROR);
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
                        + ". Look at its log (./coinlake status shows where).");
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
                    + ". './coinlake up' creates it.");
        } catch (SdkException e) {
            throw new Down("the S3 store at " + config.s3Endpoint() + " did not answer (" + firstLine(e.getMessage()) + "). "
                    + startHint(config.usesEmbeddedS3(), "S3_ENDPOINT"));
        }
    }

    /** The catalog is checked by the Spark jobs' JVM, which has its drivers and Iceberg. */
    private static String catalog(CoinlakeConfig config) throws Exception {
        if (config.usesEmbeddedS3() && !EmbeddedS3.isServing(config.s3Endpoint())) {
            throw new Down("not checked: the catalog's tables live in the S3 store, which is down. "
                    + startHint(true, "S3_ENDPOINT"));
        }
        if (config.usesEmbeddedRestCatalog() && !EmbeddedRestCatalog.isServing(config.restCatalogUrl())) {
            throw new Down("the REST catalog server is not running at " + config.restCatalogUrl() + ". "
                    + startHint(true, "COINLAKE_REST_CATALOG_URL"));
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
