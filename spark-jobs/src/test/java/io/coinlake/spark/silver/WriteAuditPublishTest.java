package io.coinlake.spark.silver;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.spark.AuditBranch;
import io.coinlake.spark.Bronze;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.TestLake;
import io.coinlake.spark.quality.QualityResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A silver run writes on its own branch and publishes to main only when its error-level checks pass. */
class WriteAuditPublishTest {
    private static final LocalDate DATE = LocalDate.of(2026, 8, 20);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void showWhatTheJobPrinted() {
        System.out.print(printed.toString(StandardCharsets.UTF_8));
    }

    private SilverJob.Result silver() throws Exception {
        return new SilverJob(TestLake.spark(), TestLake.config(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(List.of(DATE));
    }

    private static String asset(String id, int rank, String price) {
        return "{\"id\":\"" + id + "\",\"rank\":\"" + rank + "\",\"symbol\":\"" + id.toUpperCase() + "\",\"name\":\"" + id
                + "\",\"supply\":\"10\",\"maxSupply\":null,\"marketCapUsd\":\"500\",\"volumeUsd24Hr\":\"1\","
                + "\"priceUsd\":\"" + price + "\",\"changePercent24Hr\":\"0\",\"vwap24Hr\":\"1\",\"explorer\":null}";
    }

    private static Table iceberg() throws Exception {
        Table table = LakeTables.icebergCatalog(TestLake.spark()).loadTable(LakeTables.ASSET_SNAPSHOTS.identifier());
        table.refresh();
        return table;
    }

    private static long mainRows() throws Exception {
        TestLake.spark().catalog().refreshTable(LakeTables.ASSET_SNAPSHOTS.name());
        return TestLake.spark().sql("SELECT count(*) FROM silver.asset_snapshots WHERE snapshot_date = DATE'" + DATE + "'")
                .first().getLong(0);
    }

    @Test
    void aFailedErrorCheckLeavesMainUnchangedKeepsTheBranchAndARerunAfterTheFixPublishes() throws Exception {
        List<String> batch = Bronze.liveBatch(DATE, "run-wap", Instant.parse("2026-08-21T00:01:00Z"),
                DATE.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1),
                List.of(asset("wap-a", 1, "3"), asset("wap-b", 2, "2"), asset("wap-c", 3, "1")));
        // Two of the batch's three records reach bronze: batch_complete, an error-level check, fails.
        Bronze.land(DATE, 0, 0, batch.subList(0, 2));
        Long mainBefore = iceberg().currentSnapshot() == null ? null : iceberg().currentSnapshot().snapshotId();

        SilverJob.Result failed = silver();

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.checks()).filteredOn(QualityResult::failsJob).extracting(QualityResult::check)
                .containsExactly("batch_complete");
        assertThat(mainRows()).as("readers of main see nothing of the failed run").isZero();
        Table table = iceberg();
        assertThat(table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId()).isEqualTo(mainBefore);
        String branch = AuditBranch.nameFor(failed.jobRunId(), 1);
        assertThat(table.refs()).containsKey(branch);
        assertThat(TestLake.spark().sql("SELECT count(*) FROM silver.asset_snapshots VERSION AS OF '" + branch
                + "' WHERE snapshot_date = DATE'" + DATE + "'").first().getLong(0)).as("the branch holds what it wrote").isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("nothing was published")
                .contains("version as of '" + branch + "'");
        assertThat(TestLake.spark().sql("SELECT count(*) FROM audit.quality_checks WHERE job_run_id = '" + failed.jobRunId()
                + "' AND NOT passed AND severity = 'error'").first().getLong(0)).as("the failure is logged on main").isEqualTo(1);

        Bronze.land(DATE, 0, 2, batch.subList(2, 3));
        SilverJob.Result fixed = silver();

        assertThat(fixed.succeeded()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(fixed.checks()).as("warn-level checks do not block publishing")
                .anyMatch(check -> !check.passed() && !check.failsJob());
        assertThat(mainRows()).isEqualTo(3);
        assertThat(iceberg().refs()).as("a published branch is dropped").doesNotContainKey(AuditBranch.nameFor(fixed.jobRunId(), 1));
    }
}
