package io.coinlake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.envelope.AssetEnvelope;
import io.coinlake.envelope.EnvelopeCodec;
import io.coinlake.operations.BronzeConnector;
import io.coinlake.operations.ConnectClient;
import io.coinlake.operations.InstallLayout;
import io.coinlake.operations.Stack;
import io.coinlake.operations.UserError;
import io.coinlake.s3.S3Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bronze on the real stack (S3 server, broker, Connect worker with the plugin) under crashes and bad input. */
class BronzeRecoveryTest {
    private static final String TOPIC = "coincap.assets.raw";

    @TempDir
    Path home;
    private IsolatedStack stack;
    private CoinlakeConfig config;

    @BeforeEach
    void settings() throws Exception {
        stack = new IsolatedStack(home);
        config = stack.config();
    }

    @AfterEach
    void down() {
        cli("down");
    }

    private CliRun cli(String... args) {
        return stack.cli(args);
    }

    private Path bronzeRoot() {
        return home.resolve("s3/data/coinlake/bronze").resolve(TOPIC);
    }

    private List<Path> allObjects() throws Exception {
        if (!Files.isDirectory(bronzeRoot())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(bronzeRoot())) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    @Test
    void killedConnectWorkerLosesAndDuplicatesNothing() throws Exception {
        assertThat(cli("up").exitCode()).isZero();
        assertThat(cli("produce", "--date", "2026-11-01", "--to", "2026-11-05", "--limit", "40").exitCode()).isZero();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (allObjects().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        new Stack(config).embeddedConnect().orElseThrow().kill(); // SIGKILL: no commit, no cleanup
        int landedBeforeCrash = allObjects().size();

        assertThat(cli("up").exitCode()).isZero();
        for (String date : List.of("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05")) {
            assertThat(cli("bronze", "wait", "--date", date, "--timeout", "120").exitCode()).as(date).isZero();
        }

        List<AssetEnvelope> landed = new ArrayList<>();
        Set<String> runAndAsset = new HashSet<>();
        for (Path object : allObjects()) {
            for (String line : Files.readAllLines(object, StandardCharsets.UTF_8)) {
                AssetEnvelope envelope = (AssetEnvelope) EnvelopeCodec.decode(line.getBytes(StandardCharsets.UTF_8));
                landed.add(envelope);
                assertThat(runAndAsset.add(envelope.batch().runId() + "/" + envelope.assetId()))
                        .as("landed once: " + envelope.assetId() + " of " + envelope.batch().logicalDate()).isTrue();
                assertThat(object.getParent().getFileName().toString()).isEqualTo("dt=" + envelope.batch().logicalDate());
            }
        }
        assertThat(landed).as("objects landed before the crash: " + landedBeforeCrash).hasSize(200);
        assertObjectsAreTheKafkaBatches();
    }

    /** Bronze holds exactly the objects an uninterrupted sink writes for the topic's committed records. */
    private void assertObjectsAreTheKafkaBatches() throws Exception {
        assertThat(BronzeOracle.landedObjects(home, TOPIC))
                .isEqualTo(BronzeOracle.expectedObjects(TOPIC, readTopic(TOPIC, "read_committed")));
    }

    @Test
    void replayRestoresAMissingObjectAndLeavesTheRestByteIdentical() throws Exception {
        assertThat(cli("up").exitCode()).isZero();
        assertThat(cli("produce", "--date", "2026-11-01", "--to", "2026-11-02", "--limit", "10").exitCode()).isZero();
        for (String date : List.of("2026-11-01", "2026-11-02")) {
            assertThat(cli("bronze", "wait", "--date", date).exitCode()).isZero();
        }
        Map<Path, String> before = new HashMap<>();
        for (Path object : allObjects()) {
            before.put(object, Files.readString(object));
        }
        Path lost = allObjects().get(0);
        String lostKey = "bronze/" + home.resolve("s3/data/coinlake/bronze").relativize(lost);
        try (var s3 = S3Connection.of(config).client()) {
            s3.deleteObject(b -> b.bucket("coinlake").key(lostKey));
        }
        assertThat(lost).doesNotExist();
        String lostDate = lost.getParent().getFileName().toString().substring("dt=".length());
        String name = lost.getFileName().toString(); // <topic>+<partition>+<first offset>.jsonl
        long lostFirst = Long.parseLong(name.substring(name.lastIndexOf('+') + 1, name.length() - ".jsonl".length()));

        CliRun hole = cli("bronze", "wait", "--date", lostDate, "--timeout", "30");
        assertThat(hole.exitCode()).as("committed offsets alone would say this date is complete").isNotZero();
        assertThat(hole.err()).contains("is not whole", "lacks the offsets partition", "'./coinlake replay --from-date " + lostDate + "'",
                "--from-offset " + lostFirst);

        CliRun replay = cli("replay");
        assertThat(replay.exitCode()).isZero();
        assertThat(replay.out()).contains("replay started: from the beginning");
        for (String date : List.of("2026-11-01", "2026-11-02")) {
            assertThat(cli("bronze", "wait", "--date", date).exitCode()).isZero();
        }

        Map<Path, String> after = new HashMap<>();
        for (Path object : allObjects()) {
            after.put(object, Files.readString(object));
        }
        assertThat(after).isEqualTo(before);
        assertThat(Files.readString(home.resolve("logs/connect.log"))).contains("already landed, identical");

        CliRun fromDate = cli("replay", "--from-date", "2026-11-02");
        assertThat(fromDate.exitCode()).isZero();
        assertThat(fromDate.err()).contains("moving its offsets");
        assertThat(cli("bronze", "wait", "--date", "2026-11-02").exitCode()).isZero();
        Map<Path, String> afterDateReplay = new HashMap<>();
        for (Path object : allObjects()) {
            afterDateReplay.put(object, Files.readString(object));
        }
        assertThat(afterDateReplay).isEqualTo(before);
    }

    @Test
    void malformedRecordsReachTheDeadLetterTopicWithTheirReason() throws Exception {
        assertThat(cli("up").exitCode()).isZero();
        Properties producerSettings = new Properties();
        producerSettings.put("bootstrap.servers", config.bootstrapServers());
        producerSettings.put("key.serializer", ByteArraySerializer.class.getName());
        producerSettings.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings)) {
            producer.send(new ProducerRecord<>(TOPIC, 0, null, "not json at all".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(TOPIC, 0, null, "{\"type\":\"asset\"}".getBytes(StandardCharsets.UTF_8))).get();
        }
        assertThat(cli("produce", "--date", "2026-11-01", "--limit", "6").exitCode()).isZero();
        assertThat(cli("bronze", "wait", "--date", "2026-11-01", "--timeout", "120").exitCode()).isZero();

        List<ConsumerRecord<byte[], byte[]>> dead = readTopic("coincap.assets.dlq", "read_uncommitted").values().stream()
                .flatMap(List::stream).toList();
        assertThat(dead).hasSize(2);
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            reasons.put(new String(record.value(), StandardCharsets.UTF_8),
                    new String(record.headers().lastHeader("__connect.errors.exception.message").value(), StandardCharsets.UTF_8));
        }
        assertThat(reasons.get("not json at all")).startsWith("value is not valid JSON");
        assertThat(reasons.get("{\"type\":\"asset\"}")).isEqualTo("value lacks the partition field 'logicalDate'");
        assertThat(Bronze.envelopes(bronzeRoot().resolve("dt=2026-11-01"))).hasSize(6);

        Map<String, String> bad = BronzeConnector.config(InstallLayout.locate().connectorConfig(), config);
        bad.put("s3.bucket", "Not_A_Bucket");
        assertThatThrownBy(() -> new ConnectClient(config.connectUrl()).putConfig("bad-sink", bad))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("s3.bucket");
    }

    private Map<Integer, List<ConsumerRecord<byte[], byte[]>>> readTopic(String topic, String isolation) {
        return BronzeOracle.readTopic(config.bootstrapServers(), topic, isolation);
    }
}
