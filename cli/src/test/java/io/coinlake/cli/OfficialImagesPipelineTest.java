package io.coinlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.embedded.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The pipeline on the images docker-compose runs (apache/kafka and MinIO, their tags read from
 * docker-compose.yml) through Testcontainers: bronze through the embedded Connect worker, then
 * silver and gold. Runs with -Pdocker where a Docker engine answers; without one JUnit reports it
 * skipped ("disabledWithoutDocker"), as on this project's CI.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class OfficialImagesPipelineTest {
    private static final Path COMPOSE = Path.of("../docker-compose.yml");

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(composeImage("apache/kafka"));

    @Container
    static final MinIOContainer MINIO = new MinIOContainer(DockerImageName.parse(composeImage("quay.io/minio/minio"))
            .asCompatibleSubstituteFor("minio/minio"));

    @TempDir
    Path home;

    @Test
    void runBuildsEveryLayerOnTheOfficialKafkaAndMinioImages() throws Exception {
        List<String> settings = List.of("--set", "COINLAKE_HOME=" + home,
                "--set", "KAFKA_BOOTSTRAP_SERVERS=" + KAFKA.getBootstrapServers(),
                "--set", "S3_ENDPOINT=" + MINIO.getS3URL(),
                "--set", "S3_ACCESS_KEY=" + MINIO.getUserName(),
                "--set", "S3_SECRET_KEY=" + MINIO.getPassword(),
                "--set", "COINLAKE_CONNECT_PORT=" + FreePorts.pair());
        try {
            CliRun run = cli(settings, "run", "--from", "2026-11-01", "--to", "2026-11-02", "--limit", "5");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("bronze has all 5 records").containsPattern("gold\\.market_daily +2\\b");

            CliRun rows = cli(settings, "sql", "select count(*) as n from silver.asset_snapshots");
            assertThat(rows.out()).containsPattern("(?m)^10$");
        } finally {
            cli(settings, "down");
        }
    }

    private static CliRun cli(List<String> settings, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(settings);
        return CliRun.of(all.toArray(String[]::new));
    }

    /** The image docker-compose.yml runs for a repository, so both stacks test the same versions. */
    private static String composeImage(String repository) {
        try {
            Matcher image = Pattern.compile("(?m)^\\s*image:\\s*(" + Pattern.quote(repository) + ":\\S+)\\s*$")
                    .matcher(Files.readString(COMPOSE));
            if (!image.find()) {
                throw new IllegalStateException(COMPOSE + " runs no " + repository + " image");
            }
            return image.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + COMPOSE, e);
        }
    }
}
