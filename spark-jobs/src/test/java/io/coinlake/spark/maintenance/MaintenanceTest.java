package io.coinlake.spark.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.TestLake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Maintenance on a real lake of its own: many small commits, an orphan file, then a dry run and a real run. */
class MaintenanceTest {
    /** Days in different months, so each is a partition of its own (silver is partitioned by month). */
    private static final int DAYS = 3;
    private static final int COMMITS_PER_DAY = 4;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void showWhatItPrinted() {
        System.out.print(printed.toString(StandardCharsets.UTF_8));
    }

    private static CoinlakeConfig config() throws Exception {
        Map<String, String> settings = new HashMap<>(TestLake.settings(TestLake.config().home(), TestLake.s3Endpoint()));
        settings.put(Settings.COINLAKE_SNAPSHOTS_KEPT.name(), "3");
        // The orphan below is seconds old; nothing else writes to this lake.
        settings.put(Settings.COINLAKE_ORPHAN_MIN_AGE_HOURS.name(), "0");
        return CoinlakeConfig.of(settings);
    }

    private static String row(int day, int commit) {
        String date = "2026-0" + (5 + day) + "-01";
        return "('m-" + commit + "', TIMESTAMP'" + date + " 23:59:59', DATE'" + date + "', 'live', " + commit
                + ", " + (day * 10 + commit) + ", 1, NULL, 1, 1, 0, 1, NULL, 'simulated', 'run', TIMESTAMP'" + date
                + " 23:59:59', 's3://x/y.jsonl', 0, " + commit + ", TIMESTAMP'" + date + " 23:59:59')";
    }

    private static Row checksum(SparkSession lake) {
        lake.catalog().refreshTable(LakeTables.ASSET_SNAPSHOTS.name());
        return lake.sql("SELECT count(*), sum(price_usd), sum(kafka_offset) FROM silver.asset_snapshots").first();
    }

    @Test
    void aDryRunChangesNothingAndARunCompactsExpiresAndRemovesOrphansKeepingEveryRow() throws Exception {
        SparkSession lake = TestLake.separateLake("maintenance");
        CoinlakeConfig config = config();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        LakeTables.ensure(lake, config, out::println);
        for (int day = 1; day <= DAYS; day++) {
            for (int commit = 1; commit <= COMMITS_PER_DAY; commit++) {
                lake.sql("INSERT INTO silver.asset_snapshots VALUES " + row(day, commit));
            }
        }
        Table table = LakeTables.icebergCatalog(lake).loadTable(LakeTables.ASSET_SNAPSHOTS.identifier());
        String orphan = table.location().replaceFirst("^s3://" + TestLake.BUCKET + "/", "") + "/data/left-by-a-failed-write.parquet";
        TestLake.put(orphan, "not referenced by any snapshot");
        Row rows = checksum(lake);
        TableFigures start = TableFigures.of(table);
        assertThat(start.dataFiles()).isEqualTo(DAYS * COMMITS_PER_DAY);
        assertThat(start.mostFilesInAPartition()).isEqualTo(COMMITS_PER_DAY);

        List<Maintenance.Outcome> dryRun = new Maintenance(lake, config, out).run(true);

        Maintenance.Outcome planned = dryRun.get(0);
        assertThat(planned.table()).isEqualTo(LakeTables.ASSET_SNAPSHOTS);
        assertThat(planned.after()).isEqualTo(planned.before()).isEqualTo(start);
        assertThat(planned.done()).contains("would compact the 3 partition(s) with more than one data file",
                "would delete 1 orphan files");
        assertThat(planned.done()).anyMatch(line -> line.matches("would expire \\d+ of " + start.snapshots() + " snapshots"));
        assertThat(TestLake.exists(orphan)).isTrue();

        List<Maintenance.Outcome> outcomes = new Maintenance(lake, config, out).run(false);

        TableFigures after = outcomes.get(0).after();
        assertThat(after.dataFiles()).isEqualTo(DAYS);
        assertThat(after.mostFilesInAPartition()).isEqualTo(1);
        assertThat(after.snapshots()).isLessThanOrEqualTo(3);
        assertThat(TestLake.exists(orphan)).isFalse();
        assertThat(checksum(lake)).isEqualTo(rows);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("tables before -> after:")
                .containsPattern("silver.asset_snapshots +12 -> 3 ");
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.after().snapshots())
                .as(outcome.table().shortName()).isLessThanOrEqualTo(3));
    }
}
