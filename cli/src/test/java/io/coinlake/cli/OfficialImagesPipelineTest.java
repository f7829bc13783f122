package io.coinlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The pipeline on the images docker-compose runs (apache/kafka and MinIO) through Testcontainers:
 * bronze through the embedded Connect worker, then silver and gold. Runs with -Pdocker where a
 * Docker engine answers; without one JUnit reports it skipped ("disabledWithoutDocker"), as on
 * this project's CI.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class OfficialImagesPipelineTest {
    @TempDir
    Path home;

    @Test
    void runBuildsEveryLayerOnTheOfficialKafkaAndMinioImages() throws Exception {
        IsolatedStack stack = new IsolatedStack(home, OfficialImages.started().settings());
        try {
            CliRun run = stack.cli("run", "--from", "2026-11-01", "--to", "2026-11-02", "--limit", "5");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("bronze has all 5 records").containsPattern("gold\\.market_daily +2\\b");

            CliRun rows = stack.cli("sql", "select count(*) as n from silver.asset_snapshots");
            assertThat(rows.out()).containsPattern("(?m)^10$");
        } finally {
            stack.cli("down");
        }
    }
}
