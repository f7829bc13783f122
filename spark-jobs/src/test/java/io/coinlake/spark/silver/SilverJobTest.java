package io.coinlake.spark.silver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.spark.Bronze;
import io.coinlake.spark.JobFailure;
import io.coinlake.spark.TestLake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bronze objects on the real S3 server to silver tables in the real Iceberg catalog. Each test owns its dates. */
class SilverJobTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private SilverJob.Result silver(LocalDate... dates) throws Exception {
        SparkSession spark = TestLake.spark();
        return new SilverJob(spark, TestLake.config(), new PrintStream(printed, true, StandardCharsets.UTF_8)).run(List.of(dates));
    }

    @AfterEach
    void showWhatTheJobPrinted() {
        System.out.print(printed.toString(StandardCharsets.UTF_8));
    }

    private static List<Row> rows(String sql) throws Exception {
        return TestLake.spark().sql(sql).collectAsList();
    }

    @Test
    void realCoinCapSamplesLandWithExactDecimalValues() throws Exception {
        String list = Bronze.sample("assets-list-2021-10-26.json");
        LocalDate date = LocalDate.of(2021, 10, 26);
        List<String> lines = Bronze.liveBatch(date, "run-samples", Instant.parse("2021-10-27T00:05:53Z"),
                Instant.ofEpochMilli(Bronze.timestampOf(list)), Bronze.dataObjects(list));
        Bronze.land(date, 0, 100, lines);

        SilverJob.Result result = silver(date);

        assertThat(result.succeeded()).as(printed.toString()).isTrue();
        assertThat(result.reconciliations()).singleElement().isEqualTo(new Reconciliation(date, 10, 10, 0, 0));
        Row bitcoin = rows("SELECT rank, price_usd, supply, max_supply, market_cap_usd, volume_usd_24h, change_percent_24h,"
                + " vwap_24h, snapshot_ts, kafka_partition, kafka_offset FROM silver.asset_snapshots"
                + " WHERE snapshot_date = DATE'2021-10-26' AND asset_id = 'bitcoin'").get(0);
        assertThat(bitcoin.getInt(0)).isEqualTo(1);
        assertThat(bitcoin.getDecimal(1)).isEqualByComparingTo(new BigDecimal("60310.6888208343493939"));
        assertThat(bitcoin.getDecimal(1).toPlainString()).isEqualTo("60310.6888208343493939");
        assertThat(bitcoin.getDecimal(2).toPlainString()).isEqualTo("18855306.0000000000000000");
        assertThat(bitcoin.getDecimal(3).toPlainString()).isEqualTo("21000000.0000000000000000");
        assertThat(bitcoin.getDecimal(4).toPlainString()).isEqualTo("1137176492787.6108331328990334");
        assertThat(bitcoin.getDecimal(5).toPlainString()).isEqualTo("18687028375.6651281279008956");
        assertThat(bitcoin.getDecimal(6).toPlainString()).isEqualTo("-4.3370911053518709");
        assertThat(bitcoin.getDecimal(7).toPlainString()).isEqualTo("61967.9294595589205303");
        assertThat(bitcoin.<Instant>getAs(8)).isEqualTo(Instant.ofEpochMilli(1635293152930L));
        assertThat(bitcoin.getInt(9)).isZero();
        assertThat(bitcoin.getLong(10)).isEqualTo(100);
        Row ethereum = rows("SELECT max_supply, kafka_offset FROM silver.asset_snapshots"
                + " WHERE snapshot_date = DATE'2021-10-26' AND asset_id = 'ethereum'").get(0);
        assertThat(ethereum.isNullAt(0)).as("CoinCap's null maxSupply stays null").isTrue();
        assertThat(ethereum.getLong(1)).as("second line, second offset").isEqualTo(101);
        Row asset = rows("SELECT symbol, name, explorer_url, first_seen_date, last_seen_date FROM silver.assets WHERE asset_id = 'bitcoin'").get(0);
        assertThat(asset.getString(0)).isEqualTo("BTC");
        assertThat(asset.getString(1)).isEqualTo("Bitcoin");
        assertThat(asset.getString(2)).isEqualTo("https://blockchain.info/");
        // Other tests may add older bitcoin snapshots (never newer ones than the samples).
        assertThat(asset.<LocalDate>getAs(3)).isBeforeOrEqualTo(date);
        assertThat(asset.<LocalDate>getAs(4)).isAfterOrEqualTo(date);
    }

    @Test
    void theV3SampleKeepsItsTokensAndFullPrecision() throws Exception {
        String response = Bronze.sample("asset-bitcoin-v3-2025-08-11.json");
        LocalDate date = LocalDate.of(2025, 8, 11);
        Bronze.land(date, 1, 7, Bronze.liveBatch(date, "run-v3", Instant.parse("2025-08-11T18:45:26Z"),
                Instant.ofEpochMilli(Bronze.timestampOf(response)), Bronze.dataObjects(response)));

        assertThat(silver(date).succeeded()).as(printed.toString()).isTrue();

        Row row = rows("SELECT price_usd, market_cap_usd FROM silver.asset_snapshots WHERE snapshot_date = DATE'2025-08-11'").get(0);
        assertThat(row.getDecimal(0).toPlainString()).isEqualTo("119753.3173109070855685");
        assertThat(row.getDecimal(1).toPlainString()).isEqualTo("2383681877354.6630183733449790");
        assertThat(rows("SELECT tokens FROM silver.assets WHERE asset_id = 'bitcoin'").get(0).getString(0)).isEqualTo("{}");
    }

    @Test
    void aTopicDirectoryWithMoreThanDatesInItIsReadDateByDate() throws Exception {
        // A topic of its own, so the stray directory beside its dates stays out of the other tests' bronze.
        Map<String, String> settings = new HashMap<>(TestLake.settings(TestLake.config().home(), TestLake.s3Endpoint()));
        settings.put(Settings.COINLAKE_RAW_TOPIC.name(), "strays");
        CoinlakeConfig config = CoinlakeConfig.of(settings);
        LocalDate date = LocalDate.of(2026, 4, 1);
        String list = Bronze.sample("assets-list-2021-10-26.json");
        List<String> lines = Bronze.liveBatch(date, "run-strays", Instant.parse("2026-04-02T00:01:00Z"),
                Instant.parse("2026-04-01T23:59:59.999Z"), Bronze.dataObjects(list).subList(0, 3));
        TestLake.put("bronze/strays/dt=2026-04-01/strays+0+00000000000000000000.jsonl", String.join("\n", lines) + "\n");
        TestLake.put("bronze/strays/notes/readme.txt", "not bronze");

        SilverJob.Result result = new SilverJob(TestLake.separateLake("strays"), config,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run(List.of(date));

        assertThat(result.reconciliations()).singleElement().isEqualTo(new Reconciliation(date, 3, 3, 0, 0));
    }

    @Test
    void missingBronzeIsAClearError() {
        assertThatThrownBy(() -> silver(LocalDate.of(1999, 1, 1))).isInstanceOf(JobFailure.class)
                .hasMessageContaining("No bronze for [1999-01-01]").hasMessageContaining("./coinlake produce --date");
    }
}
