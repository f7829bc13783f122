package io.coinlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jobs' real entry point in its own JVM, configured only through the environment as the CLI
 * and spark-submit do it, against a real Postgres as the Iceberg catalog.
 */
class SparkJobsMainTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    private record Run(int exitCode, String output) {
    }

    private static Process start(Map<String, String> environment, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("spark-jvm.options").toAbsolutePath(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                SparkJobs.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static Run finish(Process process, Path output) throws Exception {
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("job finished").isTrue();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        System.out.print(text);
        return new Run(process.exitValue(), text);
    }

    private static Run job(Map<String, String> environment, String... args) throws Exception {
        Path output = Files.createTempFile("coinlake-spark-job", ".out");
        return finish(start(environment, output, args), output);
    }

    /** Two JVMs against one new SQLite catalog: the first-use lock, the busy timeout and commit retries. */
    @Test
    void twoJobsInTwoJvmsOnOneNewSqliteCatalogBothCommit() throws Exception {
        Map<String, String> environment = new HashMap<>(TestLake.settings(Files.createTempDirectory("coinlake-two-jvms"),
                TestLake.s3Endpoint()));
        environment.put(Settings.COINLAKE_WAREHOUSE.name(), "s3://" + TestLake.BUCKET + "/warehouse-two-jvms");
        environment.put(Settings.COINLAKE_ASSET_COUNT.name(), "3");
        List<String> assets = Bronze.dataObjects(Bronze.sample("assets-list-2021-10-26.json")).subList(0, 3);
        List<LocalDate> dates = List.of(LocalDate.of(2026, 8, 10), LocalDate.of(2026, 8, 11));
        for (LocalDate date : dates) {
            Bronze.land(date, 0, 0, Bronze.liveBatch(date, "run-" + date, Instant.parse(date.plusDays(1) + "T00:01:00Z"),
                    Instant.parse(date + "T23:59:59.999Z"), assets));
        }

        Path firstOutput = Files.createTempFile("coinlake-spark-job", ".out");
        Path secondOutput = Files.createTempFile("coinlake-spark-job", ".out");
        Process first = start(environment, firstOutput, "silver", "--date", dates.get(0).toString());
        Process second = start(environment, secondOutput, "silver", "--date", dates.get(1).toString());
        Run one = finish(first, firstOutput);
        Run two = finish(second, secondOutput);

        assertThat(one.exitCode()).as(one.output()).isZero();
        assertThat(two.exitCode()).as(two.output()).isZero();
        Run count = job(environment, "sql", "SELECT count(*) AS snapshots, count(DISTINCT snapshot_date) AS dates"
                + " FROM silver.asset_snapshots");
        assertThat(count.output()).containsPattern("\\n6 +\\| 2\\n");
    }

    private static Map<String, String> postgresCatalog() throws Exception {
        Map<String, String> environment = new HashMap<>(TestLake.settings(Files.createTempDirectory("coinlake-main-test"),
                TestLake.s3Endpoint()));
        environment.put(Settings.COINLAKE_CATALOG_URI.name(), postgres.getJdbcUrl("postgres", "postgres").replace("?user=postgres", ""));
        environment.put(Settings.COINLAKE_CATALOG_USER.name(), "postgres");
        environment.put(Settings.COINLAKE_CATALOG_PASSWORD.name(), "catalog-password-never-printed");
        environment.put(Settings.COINLAKE_WAREHOUSE.name(), "s3://" + TestLake.BUCKET + "/warehouse-postgres");
        return environment;
    }

    @Test
    void silverAndSqlRunFromTheEnvironmentWithAPostgresCatalog() throws Exception {
        LocalDate date = LocalDate.of(2026, 8, 1);
        String list = Bronze.sample("assets-list-2021-10-26.json");
        Bronze.land(date, 0, 0, Bronze.liveBatch(date, "run-main", Instant.parse("2026-08-02T00:01:00Z"),
                Instant.parse("2026-08-01T23:59:59.999Z"), Bronze.dataObjects(list).subList(0, 5)));
        Map<String, String> environment = postgresCatalog();

        Run silver = job(environment, "silver", "--date", date.toString());
        Run sql = job(environment, "sql", "SELECT asset_id, price_usd FROM silver.asset_snapshots"
                + " WHERE snapshot_date = DATE'2026-08-01' ORDER BY asset_id LIMIT 2");

        assertThat(silver.exitCode()).as(silver.output()).isZero();
        assertThat(silver.output()).contains("2026-08-01: 5 bronze lines = 5 snapshots + 0 duplicates + 0 rejected")
                .contains("silver.asset_snapshots: 5 inserted, 0 updated, 0 unchanged");
        assertThat(sql.exitCode()).as(sql.output()).isZero();
        assertThat(sql.output()).contains("asset_id     | price_usd")
                .contains("binance-coin | 477.6148568179112637")
                .contains("bitcoin      | 60310.6888208343493939")
                .contains("(2 rows)");
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var result = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM iceberg_tables WHERE table_namespace = 'silver'")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).as("the silver tables live in the Postgres catalog").isEqualTo(3);
        }
        for (Run run : List.of(silver, sql)) {
            assertThat(run.output()).doesNotContain(TestLake.SECRET_KEY).doesNotContain("catalog-password-never-printed");
        }
    }

    @Test
    void aQueryOfAMissingTableSaysWhatToDo() throws Exception {
        Run sql = job(postgresCatalog(), "sql", "SELECT * FROM silver.no_such_table");

        assertThat(sql.exitCode()).isEqualTo(1);
        assertThat(sql.output()).contains("coinlake: ").contains("no_such_table");
    }
}
