package io.coinlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.embedded.EmbeddedConnect;
import io.coinlake.embedded.FreePorts;
import io.coinlake.envelope.AssetEnvelope;
import io.coinlake.json.RawJson;
import io.coinlake.operations.SparkJob;
import io.coinlake.operations.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issue's "done when" sequence, through the CLI, on a real broker it starts itself. */
class CliPipelineTest {
    @TempDir
    Path home;
    private String[] settings;
    private int connectPort;

    @BeforeEach
    void settings() throws Exception {
        connectPort = FreePorts.pair();
        settings = new String[] {"--set", "COINLAKE_HOME=" + home, "--set", "COINLAKE_KAFKA_PORT=" + FreePorts.pair(),
            "--set", "COINLAKE_S3_PORT=" + FreePorts.pair(), "--set", "COINLAKE_CONNECT_PORT=" + connectPort};
    }

    @AfterEach
    void down() {
        cli("down");
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (args[0].equals("kafka")) {
            all.addAll(1, Arrays.asList(settings));
        } else {
            all.addAll(Arrays.asList(settings));
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void upProduceConsumeDown() throws Exception {
        assertThat(cli("produce", "--date", "2026-11-01").err()).contains("'./coinlake up'");
        assertThat(cli("silver", "--date", "2026-11-01").err()).contains("'./coinlake up'");

        assertThat(cli("up").exitCode()).isZero();
        assertThat(cli("up").err()).as("idempotent").contains("already running");

        CliRun produce = cli("produce", "--date", "2026-11-01", "--limit", "50");
        assertThat(produce.exitCode()).isZero();
        assertThat(produce.out()).contains("published 50 records for 1 date(s) to coincap.assets.raw");
        assertThat(produce.err()).contains("offline CoinCap simulator");
        assertThat(Files.exists(home.resolve("manifests/produce/2026-11-01.json"))).isTrue();

        CliRun consume = cli("kafka", "console-consumer", "--topic", "coincap.assets.raw", "--from-beginning",
                "--max-messages", "3");
        assertThat(consume.exitCode()).isZero();
        List<String> lines = consume.out().lines().filter(line -> line.startsWith("{")).toList();
        assertThat(lines).hasSize(3).allSatisfy(line -> {
            JsonNode envelope = RawJson.tree(line);
            assertThat(envelope.get("type").asText()).isEqualTo("asset");
            assertThat(envelope.get("source").asText()).isEqualTo("simulated");
            assertThat(envelope.get("asset").get("priceUsd").asText()).matches("\\d+\\.\\d{16}");
        });

        CliRun wait = cli("bronze", "wait", "--date", "2026-11-01", "--timeout", "120");
        assertThat(wait.exitCode()).isZero();
        assertThat(wait.out()).contains("bronze has all 50 records of run");
        List<AssetEnvelope> landed = Bronze.envelopes(home.resolve("s3/data/coinlake/bronze/coincap.assets.raw/dt=2026-11-01"));
        assertThat(landed).hasSize(50);
        assertThat(landed).extracting(AssetEnvelope::assetId).doesNotHaveDuplicates();

        String connectorConfig = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + connectPort + "/connectors/coinlake-bronze-sink/config")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(connectorConfig).contains("\"aws.secret.access.key\":\"${env:S3_SECRET_KEY}\"")
                .doesNotContain("coinlake-local-secret");
        for (String log : List.of("connect.log", "kafka.log", "s3.log")) {
            assertThat(Files.readString(home.resolve("logs").resolve(log))).as(log).doesNotContain("coinlake-local-secret");
        }

        CliRun silver = cli("silver", "--date", "2026-11-01");
        assertThat(silver.exitCode()).as(silver.err()).isZero();
        assertThat(silver.out()).contains("2026-11-01: 50 bronze lines = 50 snapshots + 0 duplicates + 0 rejected")
                .contains("silver.asset_snapshots: 50 inserted, 0 updated, 0 unchanged")
                .containsPattern("ok +error +silver.asset_snapshots unique_grain");
        CliRun sql = cli("sql", "select asset_id, rank, price_usd from silver.asset_snapshots"
                + " where snapshot_date = date'2026-11-01' order by rank limit 3");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).containsPattern("asset_id +\\| rank \\| price_usd").contains("(3 rows)")
                .containsPattern("\\n[a-z0-9-]+ +\\| 1    \\| \\d+\\.\\d{16}");
        assertThat(cli("silver", "--date", "2026-11-01").out()).as("a rerun changes nothing")
                .contains("silver.asset_snapshots: 0 inserted, 0 updated, 50 unchanged");
        assertThat(Files.readString(home.resolve("logs/spark.log"))).as("spark.log").isNotEmpty()
                .doesNotContain("coinlake-local-secret");

        CliRun status = cli("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("coinlake-bronze-sink RUNNING, tasks [RUNNING]")
                .containsPattern("dt=2026-11-01  3 objects, [0-9.]+ KiB; latest run \\S+: 50 records, landed")
                .contains("sink lag     0 offsets")
                .containsPattern("kafka\\s+running \\(embedded");
        JsonNode report = RawJson.tree(cli("status", "--json").out());
        assertThat(report.path("bronze").path("dates").path("2026-11-01").path("latestRun").path("records").asInt()).isEqualTo(50);
        assertThat(report.path("rawTopic").path("sinkLag").asLong()).as("everything landed: the sink is at the end").isZero();
        assertThat(report.path("rawTopic").path("partitions")).hasSize(3);

        CliRun down = cli("down");
        assertThat(down.err()).contains("Connect worker stopped", "Kafka broker stopped", "S3 server stopped");
        CliRun stopped = cli("status");
        assertThat(stopped.exitCode()).isEqualTo(3);
        assertThat(stopped.out()).contains("stopped (embedded");
    }

    @Test
    void runBringsTheStackUpAndTakesEveryDateToGold() throws Exception {
        // A cache of its own, so that this run is the first Spark job of the build whatever ran before.
        CliRun run = cli("run", "--from", "2026-11-01", "--to", "2026-11-03", "--limit", "5",
                "--set", "COINLAKE_CACHE_DIR=" + home.resolve("cache"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("2026-11-01", "2026-11-02", "2026-11-03")
                .contains("published 15 records for 3 date(s)")
                .contains("bronze has all 5 records of run")
                .contains("./coinlake kafka console-consumer")
                .contains("2026-11-03: 5 bronze lines = 5 snapshots + 0 duplicates + 0 rejected")
                .contains("silver.asset_snapshots: 15 inserted")
                .contains("gold.fct_asset_daily: 3 of 3 day(s) rewritten (15 rows)")
                .containsPattern("gold.market_daily +3\\n")
                .containsPattern("quality: \\d+ checks, \\d+ ok, \\d+ warnings, 0 failures")
                .contains("./coinlake sql");
        assertThat(run.err()).contains("[1/4 up]", "[2/4 produce] [3/3] 2026-11-03", "[3/4 bronze] 2026-11-03 landed",
                "[4/4 silver+gold]");
        assertThat(run.out()).contains("[spark] first Spark job of this build: it also saves the classes it loads");
        try (var cached = Files.list(home.resolve("cache"))) {
            assertThat(cached).as("the class-data archive of the Spark JVM, kept after the job")
                    .singleElement().satisfies(archive -> assertThat(archive.getFileName().toString()).endsWith(".jsa"));
        }
        CliRun gold = cli("gold", "--date", "2026-11-02", "--set", "COINLAKE_CACHE_DIR=" + home.resolve("cache"));
        assertThat(gold.exitCode()).as(gold.err()).isZero();
        assertThat(gold.out()).as("a rerun rewrites nothing").contains("gold.fct_asset_daily: 0 of 1 day(s) rewritten")
                .as("the archive is used, not made again").doesNotContain("first Spark job of this build");
    }

    @Test
    void aRunOnARunningStackStartsSparkEarlyAndCallsItOffWhenProduceFails() throws Exception {
        assertThat(cli("up").exitCode()).isZero();

        CliRun run = cli("run", "--date", "2026-11-01", "--limit", "5", "--set", "COINCAP_SIMULATOR_FAULTS=server-error:*",
                "--set", "COINCAP_MAX_ATTEMPTS=1");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("[2/4 produce]").doesNotContain("[4/4 silver+gold]");
        assertThat(ProcessHandle.current().children().filter(child -> child.info().commandLine().orElse("")
                .contains(SparkJob.MAIN_CLASS))).as("no Spark JVM is left").isEmpty();
        assertThat(Files.readString(home.resolve("logs/spark.log"))).as("the job was started before produce")
                .contains("Submitted application: coinlake pipeline 2026-11-01");
        assertThat(run.out()).as("and called off before it read bronze").doesNotContain("[silver]");
    }

    @Test
    void checkNamesThePartThatIsDownAndWhatToDo() throws Exception {
        CliRun nothing = cli("check", "kafka", "s3");
        assertThat(nothing.exitCode()).isEqualTo(CheckCommand.DOWN);
        assertThat(nothing.out()).containsPattern("kafka +DOWN +no broker answered at 127.0.0.1:\\d+ within 10 s\\."
                + " Start the embedded stack with './coinlake up'\\.").contains("s3       DOWN");
        assertThat(cli("up").exitCode()).isZero();

        CliRun up = cli("check");
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        assertThat(up.out()).contains("kafka    ok    1 broker(s)", "connect  ok    worker at http://127.0.0.1:" + connectPort,
                "s3       ok    bucket coinlake", "catalog  ok").contains("no tables yet");

        ProcessHandle connect = new Stack(CoinlakeConfig.of(Map.of("COINLAKE_HOME", home.toString(),
                "COINLAKE_CONNECT_PORT", Integer.toString(connectPort)))).embeddedConnect()
                .flatMap(EmbeddedConnect::running).orElseThrow();
        connect.destroyForcibly();
        connect.onExit().get(30, TimeUnit.SECONDS);
        CliRun down = cli("check");
        assertThat(down.exitCode()).isEqualTo(CheckCommand.DOWN);
        assertThat(down.out()).contains("kafka    ok", "s3       ok", "catalog  ok")
                .contains("connect  DOWN  no Connect worker answered at http://127.0.0.1:" + connectPort);
    }
}
