package io.coinlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.embedded.EmbeddedKafka;
import io.coinlake.embedded.FaultyS3Proxy;
import io.coinlake.operations.BronzeConnector;
import io.coinlake.operations.ConnectClient;
import io.coinlake.operations.InstallLayout;
import io.coinlake.operations.Stack;
import io.coinlake.producer.ProduceManifest;
import io.coinlake.s3.S3Connection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Bronze under faults, on the real stack: s3proxy, the KRaft broker and a Connect worker running
 * the sink. Faults are put on the real path: a proxy in front of the S3 server that refuses,
 * fails, resets or stalls requests, or a SIGKILL of a service. Every test drains a backlog the
 * sink did not see yet, then checks from the topic itself (read_committed) that bronze holds
 * each record exactly once, byte for byte, under the keys of an uninterrupted run.
 */
class BronzeFaultTest {
    private static final String TOPIC = "coincap.assets.raw";
    private static final LocalDate FIRST = LocalDate.of(2026, 9, 1);
    private static final int DATES = 8;
    private static final int ASSETS = 20;

    @TempDir
    Path home;
    private IsolatedStack stack;
    private CoinlakeConfig config;

    @BeforeEach
    void up() throws Exception {
        stack = new IsolatedStack(home);
        config = stack.config();
        assertThat(cli("up").exitCode()).isZero();
    }

    @AfterEach
    void down() {
        cli("down");
    }

    @Test
    void s3DownForTwentySecondsWhileDrainingLosesAndDuplicatesNothing() throws Exception {
        faultWhileDraining(new FaultyS3Proxy.Fault.Down(), Duration.ofSeconds(20));
    }

    @Test
    void serverErrorsOnEveryUploadForTenSecondsLoseAndDuplicateNothing() throws Exception {
        faultWhileDraining(new FaultyS3Proxy.Fault.FailUploads(503), Duration.ofSeconds(5),
                new FaultyS3Proxy.Fault.FailUploads(500), Duration.ofSeconds(5));
    }

    @Test
    void connectionsResetMidBodyLoseAndDuplicateNothing() throws Exception {
        faultWhileDraining(new FaultyS3Proxy.Fault.ResetUploadMidBody(), Duration.ofSeconds(10));
    }

    @Test
    void answersSlowerThanTheClientTimeoutLoseAndDuplicateNothing() throws Exception {
        faultWhileDraining(new FaultyS3Proxy.Fault.SlowAnswers(4_000), Duration.ofSeconds(12));
    }

    /** Another writer (a replay, a second worker) landed identical bytes first: the sink's upload gets 412. */
    @Test
    void anObjectAnotherWriterLandedWithIdenticalBytesIsAcceptedOnce() throws Exception {
        connect().stop(BronzeConnector.NAME);
        produceBacklog();
        Map<String, String> expected = expected();
        List<String> keys = new ArrayList<>(expected.keySet());
        try (var s3 = S3Connection.of(config).client()) {
            for (String key : List.of(keys.get(0), keys.get(keys.size() / 2))) {
                s3.putObject(b -> b.bucket("coinlake").key(key), RequestBody.fromString(expected.get(key), StandardCharsets.UTF_8));
            }
        }
        connect().resume(BronzeConnector.NAME);

        assertBronzeIsExactlyTheTopic();
        assertThat(Files.readString(home.resolve("logs/connect.log"))).contains("already landed, identical");
    }

    @Test
    void s3ServerKilledMidDrainThenRestartedLosesAndDuplicatesNothing() throws Exception {
        connect().stop(BronzeConnector.NAME);
        produceBacklog();
        connect().resume(BronzeConnector.NAME);
        awaitFirstObject();
        new Stack(config).embeddedS3().orElseThrow().kill(); // SIGKILL, with most of the backlog still to land
        Thread.sleep(3_000);
        assertThat(cli("up").exitCode()).isZero();

        assertBronzeIsExactlyTheTopic();
    }

    @Test
    void brokerKilledMidProduceThenRestartedLosesAndDuplicatesNothing() throws Exception {
        CompletableFuture<CliRun> produce = CompletableFuture.supplyAsync(this::produce);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(ProduceManifest.fileFor(home, FIRST.plusDays(1))) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        EmbeddedKafka broker = new Stack(config).embeddedKafka().orElseThrow();
        broker.kill(); // SIGKILL while a later date's transaction is open
        Thread.sleep(2_000);
        // 'up' would restart it too, but the CLI runs one command at a time in this JVM and produce still runs.
        broker.start(Duration.ofSeconds(90), line -> { });
        CliRun interrupted = produce.get(5, TimeUnit.MINUTES);
        if (interrupted.exitCode() != 0) {
            produceBacklog(); // a failed date is simply rerun; dates that made it get a second run, which silver dedups
        }
        assertBronzeIsExactlyTheTopic();
    }

    @Test
    void threeTasksAndARebalanceWhileDrainingLoseAndDuplicateNothing() throws Exception {
        connect().stop(BronzeConnector.NAME);
        produceBacklog();
        Map<String, String> sink = sinkConfig();
        sink.put("tasks.max", "3");
        connect().putConfig(BronzeConnector.NAME, sink);
        connect().resume(BronzeConnector.NAME);
        awaitFirstObject();
        sink.put("tasks.max", "2"); // new task configs: every task stops, partitions move to the new ones
        connect().putConfig(BronzeConnector.NAME, sink);

        assertBronzeIsExactlyTheTopic();
    }

    private void faultWhileDraining(Object... faultsAndDurations) throws Exception {
        URI s3 = URI.create(new Stack(config).embeddedS3().orElseThrow().endpoint());
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.getHost(), s3.getPort())) {
            connect().stop(BronzeConnector.NAME);
            produceBacklog();
            Map<String, String> sink = sinkConfig();
            sink.put("s3.endpoint", proxy.endpoint());
            sink.put("s3.request.timeout.ms", "1500");
            connect().putConfig(BronzeConnector.NAME, sink);
            connect().resume(BronzeConnector.NAME);
            awaitFirstObject();
            for (int i = 0; i < faultsAndDurations.length; i += 2) {
                proxy.fault((FaultyS3Proxy.Fault) faultsAndDurations[i]);
                Thread.sleep(((Duration) faultsAndDurations[i + 1]).toMillis());
            }
            proxy.fault(new FaultyS3Proxy.Fault.None());
            assertThat(proxy.faultedRequests()).as("requests that met the fault").isPositive();

            assertBronzeIsExactlyTheTopic();
        }
    }

    /**
     * The sink's registration for these tests: small consumer polls, so that objects span several
     * put() calls and a fault lands between them, which is where records used to be forgotten.
     */
    private Map<String, String> sinkConfig() throws Exception {
        Map<String, String> sink = BronzeConnector.config(InstallLayout.locate().connectorConfig(), config);
        sink.put("consumer.override.max.poll.records", "7");
        return sink;
    }

    private void produceBacklog() {
        CliRun produce = produce();
        assertThat(produce.exitCode()).as(produce.err()).isZero();
    }

    private CliRun produce() {
        return cli("produce", "--date", FIRST.toString(), "--to", FIRST.plusDays(DATES - 1).toString(),
                "--limit", Integer.toString(ASSETS));
    }

    private void awaitFirstObject() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (BronzeOracle.landedObjects(home, TOPIC).isEmpty()) {
            assertThat(System.nanoTime()).as("an object landed within 90 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** 'bronze wait' returns for every date only once bronze is exactly what the topic holds. */
    private void assertBronzeIsExactlyTheTopic() throws Exception {
        for (int day = 0; day < DATES; day++) {
            CliRun wait = cli("bronze", "wait", "--date", FIRST.plusDays(day).toString(), "--timeout", "180");
            assertThat(wait.exitCode()).as(wait.err()).isZero();
        }
        Map<String, String> expected = expected();
        assertThat(BronzeOracle.landedObjects(home, TOPIC)).isEqualTo(expected);
        // The same through the S3 API, as OfficialImagesBronzeTest reads MinIO.
        try (var s3 = S3Connection.of(config).client()) {
            assertThat(BronzeOracle.landedObjects(s3, "coinlake", TOPIC)).isEqualTo(expected);
        }
    }

    private Map<String, String> expected() throws Exception {
        return BronzeOracle.expectedObjects(TOPIC, BronzeOracle.readTopic(config.bootstrapServers(), TOPIC, "read_committed"));
    }

    private ConnectClient connect() {
        return new ConnectClient(config.connectUrl());
    }

    private CliRun cli(String... args) {
        return stack.cli(args);
    }
}
