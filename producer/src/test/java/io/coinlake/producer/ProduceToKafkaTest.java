package io.coinlake.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.coincap.ApiResponse;
import io.coinlake.coincap.CoinCapClient;
import io.coinlake.coincap.CoinCapException;
import io.coinlake.coincap.ResponseParserAccess;
import io.coinlake.coincap.RetryPolicy;
import io.coinlake.coincap.Samples;
import io.coinlake.config.Secret;
import io.coinlake.config.Settings.SnapshotMode;
import io.coinlake.dates.DateRange;
import io.coinlake.envelope.AssetEnvelope;
import io.coinlake.envelope.Batch;
import io.coinlake.envelope.EndOfBatchMarker;
import io.coinlake.envelope.Envelope;
import io.coinlake.envelope.EnvelopeCodec;
import io.coinlake.envelope.SnapshotKind;
import io.coinlake.faults.FaultPlan;
import io.coinlake.json.RawJson;
import io.coinlake.simulator.CoinCapSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CoinCap (simulated, over HTTP) to a real KRaft broker, read back with a plain KafkaConsumer. */
class ProduceToKafkaTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 1);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private static CoinCapSimulator simulator;
    private static String bootstrap;
    private String topic;

    @BeforeAll
    static void start() throws Exception {
        bootstrap = TestBroker.bootstrapServers();
        simulator = CoinCapSimulator.builder().start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void newTopic() throws Exception {
        simulator.clearFaults();
        topic = "raw-" + UUID.randomUUID();
        Properties settings = new Properties();
        settings.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(settings)) {
            assertThat(RawTopic.ensure(admin, topic, 3)).isEqualTo(3);
            assertThat(RawTopic.ensure(admin, topic, 5)).as("existing topic keeps its partitions").isEqualTo(3);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        }
    }

    private static CoinCapClient client() {
        return new CoinCapClient(simulator.baseUrl(), Secret.of(""), Duration.ofSeconds(5),
                RetryPolicy.standard(3, Duration.ofSeconds(10)), duration -> { });
    }

    private List<PublishResult> produce(SnapshotMode mode, int count) throws InterruptedException {
        return produce(mode, count, DATE);
    }

    private List<PublishResult> produce(SnapshotMode mode, int count, LocalDate last) throws InterruptedException {
        CoinCapSource source = CoinCapSource.timeTravelling(Batch.SOURCE_SIMULATED, client(), simulator::setTime);
        try (SnapshotPublisher publisher = new SnapshotPublisher(bootstrap, topic, System.out::println)) {
            return new ProduceJob(source, publisher, mode, CLOCK, line -> { }).run(new DateRange(DATE, last), count);
        }
    }

    private List<ConsumerRecord<String, byte[]>> readBack() {
        return RawTopicReader.readAll(bootstrap, topic);
    }

    @Test
    void producedDateConsumesBackWithEveryField() throws Exception {
        PublishResult result = produce(SnapshotMode.AUTO, 25).get(0);

        simulator.setTime(SnapshotTiming.closeOf(DATE));
        ApiResponse expected = client().assets(25, 0);
        List<ConsumerRecord<String, byte[]>> records = readBack();
        List<ConsumerRecord<String, byte[]>> assets = new ArrayList<>();
        Map<Integer, EndOfBatchMarker> markers = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Envelope envelope = EnvelopeCodec.decode(record.value());
            String type = new String(record.headers().lastHeader(SnapshotPublisher.HEADER_TYPE).value(), StandardCharsets.UTF_8);
            if (envelope instanceof EndOfBatchMarker marker) {
                assertThat(type).isEqualTo("end-of-batch");
                assertThat(record.key()).isNull();
                assertThat(marker.partition()).isEqualTo(record.partition());
                markers.put(record.partition(), marker);
            } else {
                assertThat(type).isEqualTo("asset");
                assertThat(markers).as("no asset after its partition's marker").doesNotContainKey(record.partition());
                assets.add(record);
            }
        }

        assertThat(assets).hasSize(25);
        assertThat(markers).containsOnlyKeys(0, 1, 2);
        Set<Integer> indexes = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : assets) {
            AssetEnvelope envelope = (AssetEnvelope) EnvelopeCodec.decode(record.value());
            assertThat(record.key()).isEqualTo(envelope.assetId());
            assertThat(record.timestamp()).isEqualTo(envelope.responseTime().toEpochMilli())
                    .isEqualTo(expected.timestamp().toEpochMilli())
                    .isEqualTo(Instant.parse("2026-11-01T23:59:59.999Z").toEpochMilli());
            assertThat(envelope.batch()).isEqualTo(result.batch());
            assertThat(envelope.batch().logicalDate()).isEqualTo(DATE);
            assertThat(envelope.batch().source()).isEqualTo("simulated");
            assertThat(envelope.batch().fetchedAt()).isEqualTo(CLOCK.instant());
            assertThat(envelope.kind()).isEqualTo(SnapshotKind.LIVE);
            assertThat(envelope.endpoint()).isEqualTo("/assets?limit=25&offset=0");
            assertThat(envelope.count()).isEqualTo(25);
            assertThat(envelope.rawAsset()).as("raw object byte for byte").isEqualTo(expected.items().get(envelope.index()));
            assertThat(envelope.rawListing()).isNull();
            indexes.add(envelope.index());
        }
        assertThat(indexes).hasSize(25);

        Map<Integer, Long> perPartition = assets.stream().collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.counting()));
        markers.forEach((partition, marker) -> {
            assertThat(marker.recordsInPartition()).isEqualTo(perPartition.getOrDefault(partition, 0L).intValue());
            assertThat(marker.count()).isEqualTo(25);
            PublishResult.PartitionSummary summary = result.partitions().get(partition);
            assertThat(summary.records()).isEqualTo(marker.recordsInPartition());
            assertThat(summary.endOffset()).isGreaterThan(summary.markerOffset());
        });
        assertThat(result.records()).isEqualTo(25);
    }

    /** A transaction's commit marker is never delivered; a sink can commit only past records it was given. */
    @Test
    void everyPartitionEndsWithARecordConsumersReceiveSoASinkCanCommitToTheEnd() throws Exception {
        // Several dates: the repeat used to land before the transaction's commit marker now and then.
        List<PublishResult> results = produce(SnapshotMode.AUTO, 10, DATE.plusDays(7));

        Map<Integer, Set<Long>> delivered = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readBack()) {
            delivered.computeIfAbsent(record.partition(), p -> new HashSet<>()).add(record.offset());
        }
        assertThat(results).hasSize(8).allSatisfy(result -> result.partitions().forEach((partition, summary) -> {
            String where = result.batch().logicalDate() + " partition " + partition;
            assertThat(summary.endOffset()).as(where + ": marker, commit marker, repeated marker")
                    .isEqualTo(summary.markerOffset() + 3);
            assertThat(delivered.get(partition)).as(where + ": the commit marker, then the repeat, last")
                    .doesNotContain(summary.markerOffset() + 1).contains(summary.endOffset() - 1);
        }));
    }

    @Test
    void historyModeCarriesTheHourlyPointAndItsListing() throws Exception {
        PublishResult result = produce(SnapshotMode.HISTORY, 5).get(0);

        assertThat(result.kind()).isEqualTo(SnapshotKind.HISTORY);
        List<AssetEnvelope> envelopes = readBack().stream().map(r -> EnvelopeCodec.decode(r.value()))
                .filter(AssetEnvelope.class::isInstance).map(AssetEnvelope.class::cast).toList();
        assertThat(envelopes).hasSize(5).allSatisfy(envelope -> {
            JsonNode point = RawJson.tree(envelope.rawAsset());
            assertThat(point.get("time").asLong()).isEqualTo(Instant.parse("2026-11-01T23:00:00Z").toEpochMilli());
            assertThat(point.get("priceUsd").asText()).matches("\\d+\\.\\d{16}");
            assertThat(point.has("circulatingSupply")).isTrue();
            assertThat(RawJson.tree(envelope.rawListing()).get("id").asText()).isEqualTo(envelope.assetId());
            assertThat(envelope.endpoint()).startsWith("/assets/" + envelope.assetId() + "/history?interval=h1&start=");
        });
    }

    @Test
    void failedFetchPublishesNothingAndTheDateCanBeRerun() throws Exception {
        simulator.inject(FaultPlan.parse("quota-exhausted"));

        assertThatThrownBy(() -> produce(SnapshotMode.AUTO, 10)).isInstanceOf(CoinCapException.QuotaExhausted.class);
        assertThat(readBack()).isEmpty();

        produce(SnapshotMode.AUTO, 10);
        assertThat(readBack()).as("assets, then each partition's marker and its repeat").hasSize(10 + 3 + 3);
    }

    @Test
    void rerunOfADateAddsACompleteSecondRunWithItsOwnRunId() throws Exception {
        String first = produce(SnapshotMode.AUTO, 10).get(0).batch().runId();
        String second = produce(SnapshotMode.AUTO, 10).get(0).batch().runId();

        Map<String, List<String>> rawByRun = readBack().stream().map(r -> EnvelopeCodec.decode(r.value()))
                .filter(AssetEnvelope.class::isInstance).map(AssetEnvelope.class::cast)
                .collect(Collectors.groupingBy(e -> e.batch().runId(), Collectors.mapping(AssetEnvelope::rawAsset, Collectors.toList())));
        assertThat(first).isNotEqualTo(second);
        assertThat(rawByRun).containsOnlyKeys(first, second);
        assertThat(rawByRun.get(first)).hasSize(10).containsExactlyInAnyOrderElementsOf(rawByRun.get(second));
    }

    @Test
    void realCoinCapSamplesCrossKafkaByteForByte() throws Exception {
        ApiResponse sample = ResponseParserAccess.parse("/assets?limit=10&offset=0", Samples.read(Samples.ASSETS_LIST));
        List<SnapshotItem> items = sample.items().stream().map(raw -> new SnapshotItem(CoinCapClient.idOf(raw),
                SnapshotKind.LIVE, sample.endpoint(), sample.timestamp(), raw, null)).toList();
        Batch batch = new Batch(LocalDate.of(2021, 10, 26), "sample-run", Batch.SOURCE_API, CLOCK.instant());

        try (SnapshotPublisher publisher = new SnapshotPublisher(bootstrap, topic, line -> { })) {
            publisher.publish(batch, new Snapshot(batch.logicalDate(), SnapshotKind.LIVE, items, List.of(), 0));
        }

        List<String> raw = readBack().stream().map(r -> EnvelopeCodec.decode(r.value()))
                .filter(AssetEnvelope.class::isInstance).map(e -> ((AssetEnvelope) e).rawAsset()).toList();
        assertThat(raw).containsExactlyInAnyOrderElementsOf(sample.items());
        assertThat(String.join("", raw)).contains("\"marketCapUsd\":\"1137176492787.6108331328990334\"");
    }

    @Test
    void manifestRecordsTheRunAndItsOffsets(@TempDir Path home) throws Exception {
        PublishResult result = produce(SnapshotMode.AUTO, 4).get(0);

        Path file = ProduceManifest.write(home, result);

        JsonNode manifest = RawJson.MAPPER.readTree(file.toFile());
        assertThat(file).isEqualTo(home.resolve("manifests/produce/2026-11-01.json"));
        assertThat(manifest.get("runId").asText()).isEqualTo(result.batch().runId());
        assertThat(manifest.get("records").asInt()).isEqualTo(4);
        assertThat(manifest.get("partitions")).hasSize(3);
        result.partitions().forEach((partition, summary) -> assertThat(
                manifest.get("partitions").get(partition.toString()).get("endOffset").asLong()).isEqualTo(summary.endOffset()));
    }
}
