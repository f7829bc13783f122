package io.coinlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.spark.gold.GoldJob;
import io.coinlake.spark.silver.SilverJob;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lake made by the previous release (its DDL kept as a test resource, rows written in its
 * schema) opened by this one: the jobs bring every table to its definition and old rows stay readable.
 */
class PreviousReleaseLakeTest {
    private static final LocalDate OLD_DAY = LocalDate.of(2026, 7, 1);
    private static final LocalDate NEW_DAY = LocalDate.of(2026, 7, 2);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void showWhatTheJobsPrinted() {
        System.out.print(printed.toString(StandardCharsets.UTF_8));
    }

    private static void createWithPreviousRelease(SparkSession session) throws Exception {
        try (InputStream in = PreviousReleaseLakeTest.class.getResourceAsStream("/previous-release/lake-tables-0.1.0.sql")) {
            String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Arrays.stream(ddl.split(";\n")).map(String::strip).filter(s -> !s.isEmpty()).forEach(session::sql);
        }
    }

    private static String asset(String id, int rank, String price, String extra) {
        return "{\"id\":\"" + id + "\",\"rank\":\"" + rank + "\",\"symbol\":\"" + id.toUpperCase() + "\",\"name\":\"" + id
                + "\",\"supply\":\"10\",\"maxSupply\":\"20\",\"marketCapUsd\":\"500\",\"volumeUsd24Hr\":\"1\","
                + "\"priceUsd\":\"" + price + "\",\"changePercent24Hr\":\"0\",\"vwap24Hr\":\"1\"" + extra
                + ",\"explorer\":\"https://new.example/" + id + "\"}";
    }

    @Test
    void jobsOfThisReleaseBringALakeOfThePreviousOneToTheCurrentDefinitions() throws Exception {
        SparkSession lake = TestLake.separateLake("previous-release");
        createWithPreviousRelease(lake);
        lake.sql("INSERT INTO silver.asset_snapshots VALUES ('pr-old', TIMESTAMP'2026-07-01 23:59:59', DATE'" + OLD_DAY + "',"
                + " 'live', 1, 5, 10, 20, 50, 1, 0, 5, 'simulated', 'run-old', TIMESTAMP'2026-07-02 00:01:00',"
                + " 's3://x/old.jsonl', 0, 0, TIMESTAMP'2026-07-02 00:02:00')");
        lake.sql("INSERT INTO silver.assets VALUES ('pr-old', 'PRO', 'pr-old', 'https://old.example', 20, NULL,"
                + " DATE'" + OLD_DAY + "', DATE'" + OLD_DAY + "', TIMESTAMP'2026-07-01 23:59:59', TIMESTAMP'2026-07-02 00:02:00'),"
                + " ('pr-kept', 'PRK', 'pr-kept', 'https://kept.example', NULL, NULL,"
                + " DATE'" + OLD_DAY + "', DATE'" + OLD_DAY + "', TIMESTAMP'2026-07-01 23:59:59', TIMESTAMP'2026-07-02 00:02:00')");
        // Gold of the old day as the previous release wrote it, one file per day partition: a close
        // that silver now gives differently, and an asset silver does not have.
        lake.sql("INSERT INTO gold.fct_asset_daily VALUES"
                + " (DATE'" + OLD_DAY + "', 'pr-old', 5, 5, 5, 99, 5, 1, 1, 50, 1, NULL, NULL, NULL, NULL, 5, 5, NULL, 'simulated',"
                + " TIMESTAMP'2026-07-02 00:03:00'),"
                + " (DATE'" + OLD_DAY + "', 'pr-ghost', 1, 1, 1, 1, 1, 1, 1, 10, 2, NULL, NULL, NULL, NULL, 1, 1, NULL, 'simulated',"
                + " TIMESTAMP'2026-07-02 00:03:00')");
        lake.sql("INSERT INTO gold.market_daily VALUES (DATE'" + OLD_DAY + "', 2, 60, 2, NULL, NULL, NULL, NULL, NULL,"
                + " TIMESTAMP'2026-07-02 00:03:00')");
        List<String> lines = Bronze.liveBatch(NEW_DAY, "run-new", Instant.parse("2026-07-03T00:01:00Z"),
                NEW_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1),
                List.of(asset("pr-new", 1, "4", ",\"dilutedMarketCapUsd\":\"80.5\""), asset("pr-old", 2, "2", "")));
        Bronze.land(NEW_DAY, 0, 0, lines);
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        SilverJob.Result silver = new SilverJob(lake, TestLake.config(), out).run(List.of(NEW_DAY));
        GoldJob.Result gold = new GoldJob(lake, TestLake.config(), out).run(OLD_DAY, NEW_DAY);

        assertThat(silver.succeeded()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(gold.succeeded()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("silver.asset_snapshots brought to its definition: added column diluted_market_cap_usd")
                .contains("silver.assets brought to its definition: renamed column explorer to explorer_url")
                .contains("gold.dim_asset brought to its definition: renamed column explorer to explorer_url")
                .contains("audit.quality_checks brought to its definition: changed partitioning from identity(check_date)"
                        + " to unpartitioned")
                .contains("changed partitioning from identity(snapshot_date) to month(snapshot_date)")
                .contains("gold.fct_asset_daily brought to its definition: changed partitioning from identity(day) to month(day)");
        // The old day's gold, written under the day spec, is replaced by rows of the month spec, once.
        assertThat(lake.sql("SELECT day, asset_id, close_price_usd FROM gold.fct_asset_daily ORDER BY day, asset_id")
                .collectAsList()).extracting(row -> row.get(0) + " " + row.get(1) + " " + row.<BigDecimal>getAs(2).stripTrailingZeros()
                        .toPlainString())
                .containsExactly(OLD_DAY + " pr-old 5", NEW_DAY + " pr-new 4", NEW_DAY + " pr-old 2");
        assertThat(lake.sql("SELECT day, asset_count FROM gold.market_daily ORDER BY day").collectAsList())
                .extracting(row -> row.get(0) + " " + row.get(1)).containsExactly(OLD_DAY + " 1", NEW_DAY + " 2");
        List<Row> snapshots = lake.sql("SELECT asset_id, snapshot_date, diluted_market_cap_usd FROM silver.asset_snapshots"
                + " ORDER BY snapshot_date, asset_id").collectAsList();
        assertThat(snapshots).hasSize(3);
        assertThat(snapshots.get(0).isNullAt(2)).as("a row of the previous release reads null").isTrue();
        assertThat(snapshots.get(1).<BigDecimal>getAs(2)).isEqualByComparingTo("80.5");
        assertThat(snapshots.get(2).isNullAt(2)).as("an asset without the field").isTrue();
        Row old = lake.sql("SELECT explorer_url, first_seen_date, last_seen_date FROM silver.assets WHERE asset_id = 'pr-old'").first();
        assertThat(old.<String>getAs(0)).as("the newer snapshot's attributes win").isEqualTo("https://new.example/pr-old");
        assertThat(old.<LocalDate>getAs(1)).isEqualTo(OLD_DAY);
        assertThat(lake.sql("SELECT explorer_url FROM silver.assets WHERE asset_id = 'pr-kept'").first().<String>getAs(0))
                .as("written under the old column name, read under the new").isEqualTo("https://kept.example");
        assertThat(lake.sql("SELECT explorer_url FROM gold.dim_asset WHERE asset_id = 'pr-new'").first().<String>getAs(0))
                .isEqualTo("https://new.example/pr-new");
        Table assets = LakeTables.icebergCatalog(lake).loadTable(LakeTables.ASSETS.identifier());
        assertThat(assets.properties()).containsEntry("write.wap.enabled", "true");
        assertThat(LakeTables.icebergCatalog(lake).loadTable(LakeTables.QUALITY_CHECKS.identifier()).spec().isUnpartitioned())
                .isTrue();
        assertThat(lake.sql("SELECT count(*) FROM audit.quality_checks").first().getLong(0)).isPositive();
    }
}
