package io.coinlake.spark.maintenance;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Setting;
import io.coinlake.config.Settings;
import io.coinlake.spark.AuditBranch;
import io.coinlake.spark.Commits;
import io.coinlake.spark.LakeTables;
import io.coinlake.spark.table.LakeTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps each table small and fast to plan. Per table, in this order:
 * <ol>
 *   <li>drops the audit branches of failed runs older than the snapshot age (they hold their snapshots alive);</li>
 *   <li>compacts each partition's small data files towards the target size (bin-packing);</li>
 *   <li>rewrites the manifests, so planning reads a few manifests rather than one per commit;</li>
 *   <li>expires snapshots beyond the newest {@code COINLAKE_SNAPSHOTS_KEPT} or older than the age, deleting the
 *       files only they used;</li>
 *   <li>deletes orphan files: files under the table's location that no snapshot refers to (left by failed
 *       writes), once older than {@code COINLAKE_ORPHAN_MIN_AGE_HOURS}.</li>
 * </ol>
 * Each step is an Iceberg commit of its own: a pipeline run committing at the same time makes one of
 * them retry (optimistic concurrency), and a run's audit branch is unaffected until it publishes.
 */
public final class Maintenance {
    /** One table's figures before and after, and what was done. */
    public record Outcome(LakeTable table, TableFigures before, TableFigures after, List<String> done) {
    }

    private final SparkSession spark;
    private final CoinlakeConfig config;
    private final PrintStream out;

    public Maintenance(SparkSession spark, CoinlakeConfig config, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.out = out;
    }

    public List<Outcome> run(boolean dryRun) {
        LakeTables.ensure(spark, config, this::progress);
        List<Outcome> outcomes = new ArrayList<>();
        for (LakeTable definition : LakeTables.ALL) {
            Table table = LakeTables.icebergCatalog(spark).loadTable(definition.identifier());
            TableFigures before = TableFigures.of(table);
            List<String> done = dryRun ? plan(table, before) : maintain(definition, table);
            TableFigures after = TableFigures.of(table);
            spark.catalog().refreshTable(definition.name());
            Outcome outcome = new Outcome(definition, before, after, done);
            progress(definition.shortName() + ": " + String.join("; ", done));
            outcomes.add(outcome);
        }
        print(outcomes, dryRun);
        return outcomes;
    }

    private List<String> maintain(LakeTable definition, Table table) {
        List<String> done = new ArrayList<>();
        String name = definition.shortName();
        int dropped = dropOldAuditBranches(table);
        if (dropped > 0) {
            done.add("dropped " + dropped + " old audit branch(es)");
        }
        RewriteDataFiles.Result compacted = Commits.retryingConflicts(name, () -> SparkActions.get(spark)
                .rewriteDataFiles(table)
                .option(RewriteDataFiles.TARGET_FILE_SIZE_BYTES, Long.toString(targetFileSize()))
                .option("min-input-files", "2")
                .execute(), this::progress);
        done.add("compacted " + compacted.rewrittenDataFilesCount() + " data files into " + compacted.addedDataFilesCount());
        table.refresh();
        // A rewrite of a single manifest would only add a snapshot.
        if (table.currentSnapshot() != null && table.currentSnapshot().dataManifests(table.io()).size() > 1) {
            int manifests = Commits.retryingConflicts(name, () -> Iterables.size(SparkActions.get(spark)
                    .rewriteManifests(table).execute().rewrittenManifests()), this::progress);
            done.add("rewrote " + manifests + " manifests");
        }
        table.refresh();
        ExpireSnapshots.Result expired = Commits.retryingConflicts(name, () -> SparkActions.get(spark)
                .expireSnapshots(table)
                .expireOlderThan(expiryCutoff(table))
                .retainLast(1)
                .execute(), this::progress);
        done.add("expired snapshots, deleting " + expired.deletedDataFilesCount() + " data and "
                + expired.deletedManifestsCount() + " manifest files");
        DeleteOrphanFiles.Result orphans = SparkActions.get(spark).deleteOrphanFiles(table)
                .olderThan(System.currentTimeMillis() - hours(Settings.COINLAKE_ORPHAN_MIN_AGE_HOURS))
                .execute();
        done.add("deleted " + Iterables.size(orphans.orphanFileLocations()) + " orphan files");
        return done;
    }

    /** What {@link #maintain} would do, found without changing anything. */
    private List<String> plan(Table table, TableFigures figures) {
        List<String> plan = new ArrayList<>();
        long cutoff = expiryCutoff(table);
        long expiring = 0;
        for (Snapshot snapshot : table.snapshots()) {
            if (snapshot.timestampMillis() < cutoff && !isReferenced(table, snapshot)) {
                expiring++;
            }
        }
        plan.add("would compact the " + figures.partitionsWithSeveralFiles() + " partition(s) with more than one data file");
        plan.add("would expire " + expiring + " of " + figures.snapshots() + " snapshots");
        List<String> orphans = new ArrayList<>();
        SparkActions.get(spark).deleteOrphanFiles(table)
                .olderThan(System.currentTimeMillis() - hours(Settings.COINLAKE_ORPHAN_MIN_AGE_HOURS))
                .deleteWith(orphans::add)
                .execute();
        plan.add("would delete " + orphans.size() + " orphan files");
        return plan;
    }

    /** Snapshots older than this expire: the older of the age limit and the newest-N limit wins. */
    private long expiryCutoff(Table table) {
        long byAge = System.currentTimeMillis() - hours(Settings.COINLAKE_SNAPSHOT_MAX_AGE_HOURS);
        List<Long> newestFirst = new ArrayList<>();
        table.snapshots().forEach(snapshot -> newestFirst.add(snapshot.timestampMillis()));
        newestFirst.sort(Comparator.reverseOrder());
        int kept = config.get(Settings.COINLAKE_SNAPSHOTS_KEPT);
        // Expiry takes what is strictly older than the cutoff, so the kept-th newest stays.
        return newestFirst.size() > kept ? Math.max(byAge, newestFirst.get(kept - 1)) : byAge;
    }

    private int dropOldAuditBranches(Table table) {
        long cutoff = System.currentTimeMillis() - hours(Settings.COINLAKE_SNAPSHOT_MAX_AGE_HOURS);
        int dropped = 0;
        for (Map.Entry<String, SnapshotRef> ref : Map.copyOf(table.refs()).entrySet()) {
            if (ref.getKey().startsWith(AuditBranch.PREFIX) && ref.getValue().isBranch()
                    && table.snapshot(ref.getValue().snapshotId()).timestampMillis() < cutoff) {
                table.manageSnapshots().removeBranch(ref.getKey()).commit();
                dropped++;
            }
        }
        return dropped;
    }

    private static boolean isReferenced(Table table, Snapshot snapshot) {
        return table.refs().values().stream().anyMatch(ref -> ref.snapshotId() == snapshot.snapshotId());
    }

    private long targetFileSize() {
        return config.get(Settings.COINLAKE_TARGET_FILE_SIZE_MB) * 1_048_576L;
    }

    private long hours(Setting<Integer> setting) {
        return TimeUnit.HOURS.toMillis(config.get(setting));
    }

    private void print(List<Outcome> outcomes, boolean dryRun) {
        out.println();
        out.println(dryRun ? "tables now (a dry run changes nothing):" : "tables before -> after:");
        out.printf("  %-24s %17s %21s %11s %26s%n", "table", "data files", "bytes", "snapshots", "most files in a partition");
        for (Outcome o : outcomes) {
            TableFigures b = o.before();
            TableFigures a = o.after();
            out.printf("  %-24s %17s %21s %11s %26s%n", o.table().shortName(),
                    b.dataFiles() + " -> " + a.dataFiles(),
                    TableFigures.size(b.bytes()) + " -> " + TableFigures.size(a.bytes()),
                    b.snapshots() + " -> " + a.snapshots(),
                    b.mostFilesInAPartition() + " -> " + a.mostFilesInAPartition());
        }
    }

    private void progress(String message) {
        out.println("[maintain] " + message);
    }
}
