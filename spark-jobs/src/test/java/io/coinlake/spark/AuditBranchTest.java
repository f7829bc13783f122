package io.coinlake.spark;

import static io.coinlake.spark.table.LakeColumn.required;
import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.spark.table.LakeTable;
import io.coinlake.spark.table.LakeTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The audit branch as a run's transaction, on a real Iceberg table of a lake of its own. */
class AuditBranchTest {
    private static final LakeTable ITEMS = new LakeTable("lake.audit_test.items", List.of("id"), null, true,
            List.of(required("id", LakeTypes.STRING, "the key")));

    /** Appends {@code id} when the run's view of the table lacks it, as silver does with new rows. */
    private static boolean appendIfNew(SparkSession session, String id, Runnable betweenReadAndWrite) {
        boolean isNew = session.sql("SELECT * FROM " + ITEMS + " WHERE id = '" + id + "'").isEmpty();
        betweenReadAndWrite.run();
        if (isNew) {
            TableAppend.rows(session.sql("SELECT '" + id + "' AS id"), ITEMS);
        }
        return isNew;
    }

    @Test
    void aRunThatReadBeforeAnotherPublishedIsDoneAgainInsteadOfAppendingOnTopOfIt() throws Exception {
        SparkSession lake = TestLake.separateLake("audit-branch");
        lake.sql("CREATE NAMESPACE IF NOT EXISTS lake.audit_test");
        LakeTables.icebergCatalog(lake).buildTable(ITEMS.identifier(), ITEMS.schema())
                .withProperties(ITEMS.properties()).create();
        List<String> progress = new ArrayList<>();
        List<Boolean> appended = new ArrayList<>();

        AuditBranch.withRetries(lake, "slow-run", List.of(ITEMS), slow -> {
            boolean first = appended.isEmpty();
            appended.add(appendIfNew(slow.session(), "x", () -> {
                if (first) {
                    // Another run reads, appends and publishes the same row while this one is between
                    // its read and its write.
                    AuditBranch.withRetries(lake, "quick-run", List.of(ITEMS), quick -> {
                        appendIfNew(quick.session(), "x", () -> { });
                        return quick.publish(progress::add);
                    }, progress::add);
                }
            }));
            return slow.publish(progress::add);
        }, progress::add);

        lake.catalog().refreshTable(ITEMS.name());
        assertThat(lake.sql("SELECT id FROM " + ITEMS).collectAsList()).extracting(row -> row.getString(0)).containsExactly("x");
        assertThat(appended).as("the slow run appended, lost the publish, and found nothing new the second time")
                .containsExactly(true, false);
        assertThat(progress).anyMatch(line -> line.contains("another run published to audit_test.items after this run began"));
        assertThat(LakeTables.icebergCatalog(lake).loadTable(ITEMS.identifier()).refs().keySet())
                .as("every branch is dropped").containsExactly("main");
    }
}
