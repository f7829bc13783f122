package io.coinlake.spark.silver;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.envelope.AssetEnvelope;
import io.coinlake.envelope.Batch;
import io.coinlake.envelope.SnapshotKind;
import io.coinlake.spark.Bronze;
import io.coinlake.spark.TestLake;
import io.coinlake.spark.quality.QualityResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Malformed, missing, duplicated and out-of-range input: rejected or deduplicated, with every line accounted for. */
class SilverRulesTest {
    private static final Instant FETCHED = Instant.parse("2026-10-02T00:01:00Z");
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void showWhatTheJobPrinted() {
        System.out.print(printed.toString(StandardCharsets.UTF_8));
    }

    private SilverJob.Result silver(LocalDate date) throws Exception {
        return new SilverJob(TestLake.spark(), TestLake.config(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(List.of(date));
    }

    private static String asset(String id, String rank, String price) {
        return "{\"id\":\"" + id + "\",\"rank\":\"" + rank + "\",\"symbol\":\"" + id.toUpperCase() + "\",\"name\":\"" + id
                + "\",\"supply\":\"1000.5\",\"maxSupply\":null,\"marketCapUsd\":\"5000.25\",\"volumeUsd24Hr\":\"12.5\","
                + "\"priceUsd\":\"" + price + "\",\"changePercent24Hr\":\"-1.5\",\"vwap24Hr\":null,\"explorer\":null}";
    }

    private static List<String> goodBatch(LocalDate date, String runId) {
        List<String> raws = List.of(asset("alpha", "1", "100.1234567890123456"), asset("beta", "2", "50"),
                asset("gamma", "3", "0.0000000000000001"), asset("delta", "4", "7.5"), asset("epsilon", "5", "1"));
        return Bronze.liveBatch(date, runId, FETCHED, date.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).minusMillis(1), raws);
    }

    @Test
    void badLinesAreRejectedWithTheirReasonAndEveryLineIsAccountedFor() throws Exception {
        LocalDate date = LocalDate.of(2026, 10, 1);
        List<String> good = goodBatch(date, "run-good");
        String template = good.get(1);
        Map<String, String> bad = new TreeMap<>();
        bad.put("not json", "{\"type\":\"asset\", this is not json");
        bad.put("missing price", template.replace("\"priceUsd\":\"50\"", "\"priceUsd\":null"));
        bad.put("negative price", template.replace("\"priceUsd\":\"50\"", "\"priceUsd\":\"-3\""));
        bad.put("too many decimals", template.replace("\"priceUsd\":\"50\"", "\"priceUsd\":\"50.12345678901234567\""));
        bad.put("rank zero", template.replace("\"rank\":\"2\"", "\"rank\":\"0\""));
        bad.put("wrong partition", template.replace("\"logicalDate\":\"2026-10-01\"", "\"logicalDate\":\"2026-09-30\""));
        bad.put("marker", template.replace("\"type\":\"asset\"", "\"type\":\"end-of-batch\""));
        bad.put("price as text", template.replace("\"priceUsd\":\"50\"", "\"priceUsd\":\"fifty\""));

        List<String> first = new ArrayList<>(good);
        first.addAll(bad.values());
        String firstObject = Bronze.land(date, 0, 10, first);
        // A second copy of one record (a redelivered batch) in another partition's object.
        Bronze.land(date, 2, 40, List.of(good.get(0)));

        SilverJob.Result result = silver(date);

        assertThat(result.reconciliations()).singleElement().isEqualTo(new Reconciliation(date, 14, 5, 1, 8));
        assertThat(result.succeeded()).as("only warnings failed").isTrue();
        List<Row> rejected = TestLake.spark().sql("SELECT line_number, kafka_offset, reason, raw_line, source_object"
                + " FROM silver.rejected_records WHERE bronze_date = DATE'2026-10-01' ORDER BY line_number").collectAsList();
        assertThat(rejected).hasSize(8);
        List<String> badLines = new ArrayList<>(bad.values());
        for (int i = 0; i < rejected.size(); i++) {
            Row row = rejected.get(i);
            assertThat(row.getInt(0)).isEqualTo(6 + i);
            assertThat(row.getLong(1)).as("offset = first offset + line - 1").isEqualTo(10 + 5 + i);
            assertThat(row.getString(3)).isEqualTo(badLines.get(i));
            assertThat(row.getString(4)).isEqualTo(firstObject);
        }
        Map<String, String> reasons = new TreeMap<>();
        List<String> names = new ArrayList<>(bad.keySet());
        for (int i = 0; i < names.size(); i++) {
            reasons.put(names.get(i), rejected.get(i).getString(2));
        }
        assertThat(reasons.get("not json")).isEqualTo("line is not a JSON object");
        assertThat(reasons.get("missing price")).isEqualTo("priceUsd is missing");
        assertThat(reasons.get("negative price")).isEqualTo("priceUsd -3 is not > 0");
        assertThat(reasons.get("too many decimals")).contains("at most 22 integer and 16 fraction digits");
        assertThat(reasons.get("rank zero")).isEqualTo("rank '0' is not a positive whole number");
        assertThat(reasons.get("wrong partition")).startsWith("logicalDate 2026-09-30 lies outside its bronze partition dt=2026-10-01");
        assertThat(reasons.get("marker")).isEqualTo("type 'end-of-batch' is not asset");
        assertThat(reasons.get("price as text")).contains("priceUsd 'fifty' is not a decimal");

        Row gamma = TestLake.spark().sql("SELECT price_usd, max_supply, vwap_24h FROM silver.asset_snapshots"
                + " WHERE snapshot_date = DATE'2026-10-01' AND asset_id = 'gamma'").first();
        assertThat(gamma.getDecimal(0)).isEqualByComparingTo(new BigDecimal("0.0000000000000001"));
        assertThat(gamma.isNullAt(1)).isTrue();
        assertThat(gamma.isNullAt(2)).isTrue();
        assertThat(result.checks()).filteredOn(c -> c.check().equals("no_rejected_records"))
                .singleElement().extracting(QualityResult::passed).isEqualTo(false);
    }

    @Test
    void anIncompleteBatchFailsTheRunAndNothingIsPublished() throws Exception {
        LocalDate date = LocalDate.of(2026, 10, 3);
        Bronze.land(date, 0, 0, goodBatch(date, "run-short").subList(0, 4));

        SilverJob.Result result = silver(date);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.checks()).filteredOn(QualityResult::failsJob).singleElement()
                .satisfies(check -> {
                    assertThat(check.check()).isEqualTo("batch_complete");
                    assertThat(check.observed()).isEqualTo("run run-short: 4 of 5 records");
                });
        assertThat(TestLake.spark().sql("SELECT * FROM silver.asset_snapshots WHERE snapshot_date = DATE'2026-10-03'").count())
                .as("what arrived waits on the run's audit branch (WriteAuditPublishTest)").isZero();
    }

    @Test
    void aHistorySnapshotTakesItsNamesFromTheListingAndHasNoRank() throws Exception {
        LocalDate date = LocalDate.of(2026, 10, 4);
        Batch batch = new Batch(date, "run-history", Batch.SOURCE_API, FETCHED);
        String point = "{\"priceUsd\":\"61000.1234567890123456\",\"time\":1791154800000,"
                + "\"circulatingSupply\":\"19800000.0000000000000000\",\"date\":\"2026-10-04T23:00:00.000Z\"}";
        String listing = asset("history-coin", "1", "70000");
        String line = Bronze.line(new AssetEnvelope(batch, "history-coin", SnapshotKind.HISTORY,
                "/assets/history-coin/history?interval=h1", Instant.parse("2026-11-28T10:00:00Z"), 0, 1, point, listing));
        Bronze.land(date, 0, 0, List.of(line));

        SilverJob.Result result = silver(date);

        assertThat(result.reconciliations()).singleElement().isEqualTo(new Reconciliation(date, 1, 1, 0, 0));
        Row row = TestLake.spark().sql("SELECT rank, price_usd, supply, market_cap_usd, snapshot_kind, snapshot_ts, data_source"
                + " FROM silver.asset_snapshots WHERE snapshot_date = DATE'2026-10-04'").first();
        assertThat(row.isNullAt(0)).isTrue();
        assertThat(row.getDecimal(1).toPlainString()).isEqualTo("61000.1234567890123456");
        assertThat(row.getDecimal(2).toPlainString()).isEqualTo("19800000.0000000000000000");
        assertThat(row.isNullAt(3)).isTrue();
        assertThat(row.getString(4)).isEqualTo("history");
        assertThat(row.<Instant>getAs(5)).isEqualTo(Instant.ofEpochMilli(1791154800000L));
        assertThat(row.getString(6)).isEqualTo("coincap-api");
        Row asset = TestLake.spark().sql("SELECT symbol, name FROM silver.assets WHERE asset_id = 'history-coin'").first();
        assertThat(asset.getString(0)).isEqualTo("HISTORY-COIN");
        assertThat(asset.getString(1)).isEqualTo("history-coin");
    }
}
