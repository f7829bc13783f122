package io.coinlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.operations.BronzeConnector;
import io.coinlake.operations.ConnectClient;
import io.coinlake.s3.S3Connection;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Bronze on the images docker-compose runs (apache/kafka and MinIO) through Testcontainers, with
 * the embedded Connect worker running the sink: a backlog lands exactly once, and a MinIO frozen
 * mid-drain (the container paused, so requests hang as on a real outage) loses and duplicates
 * nothing. Checked as BronzeFaultTest checks the embedded stack: against what the topic holds.
 * Runs with -Pdocker where a Docker engine answers; skipped without one.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class OfficialImagesBronzeTest {
    private static final String TOPIC = "coincap.assets.raw";
    private static final int DATES = 4;

    private final OfficialImages images = OfficialImages.started();
    private IsolatedStack stack;
    private CoinlakeConfig config;

    /** A Connect worker of the test's own, on the containers, with the sink registered. */
    @BeforeEach
    void connectWorkerUp(@TempDir Path home) throws Exception {
        stack = new IsolatedStack(home, images.settings());
        config = stack.config();
        CliRun up = stack.cli("up");
        assertThat(up.exitCode()).as(up.err()).isZero();
    }

    @AfterEach
    void down() {
        stack.cli("down");
    }

    @Test
    void aBacklogLandsInMinioExactlyOnce() throws Exception {
        connect().stop(BronzeConnector.NAME);
        produce(LocalDate.of(2026, 9, 1));
        connect().resume(BronzeConnector.NAME);

        assertBronzeIsExactlyTheTopic(LocalDate.of(2026, 9, 1));
    }

    @Test
    void minioPausedWhileDrainingLosesAndDuplicatesNothing() throws Exception {
        LocalDate first = LocalDate.of(2026, 10, 1);
        int before = landed().size();
        connect().stop(BronzeConnector.NAME);
        produce(first);
        connect().resume(BronzeConnector.NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (landed().size() == before) {
            assertThat(System.nanoTime()).as("an object landed within 90 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        images.minio().getDockerClient().pauseContainerCmd(images.minio().getContainerId()).exec();
        try {
            Thread.sleep(20_000);
        } finally {
            images.minio().getDockerClient().unpauseContainerCmd(images.minio().getContainerId()).exec();
        }

        assertBronzeIsExactlyTheTopic(first);
    }

    private void produce(LocalDate first) {
        CliRun produce = stack.cli("produce", "--date", first.toString(), "--to", first.plusDays(DATES - 1).toString(),
                "--limit", "20");
        assertThat(produce.exitCode()).as(produce.err()).isZero();
    }

    private void assertBronzeIsExactlyTheTopic(LocalDate first) throws Exception {
        for (int day = 0; day < DATES; day++) {
            CliRun wait = stack.cli("bronze", "wait", "--date", first.plusDays(day).toString(), "--timeout", "180");
            assertThat(wait.exitCode()).as(wait.err()).isZero();
        }
        Map<String, String> expected = BronzeOracle.expectedObjects(TOPIC,
                BronzeOracle.readTopic(config.bootstrapServers(), TOPIC, "read_committed"));
        assertThat(landed()).isEqualTo(expected);
    }

    private Map<String, String> landed() {
        try (S3Client s3 = S3Connection.of(config).client()) {
            return BronzeOracle.landedObjects(s3, config.get(Settings.COINLAKE_BUCKET), TOPIC);
        }
    }

    private ConnectClient connect() {
        return new ConnectClient(config.connectUrl());
    }
}
