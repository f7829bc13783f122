package io.coinlake.spark;

import io.coinlake.config.Launcher;
import io.coinlake.spark.table.LakeTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Write-audit-publish with Iceberg branches: a run writes its audited tables on a branch of its
 * own, checks what it wrote there, and only then fast-forwards {@code main} to it, so readers of
 * {@code main} never see rows that failed an error-level check.
 *
 * <p>The run works in a session of its own whose {@code spark.wap.branch} is the branch: every
 * write to a table with {@code write.wap.enabled} goes to the branch and every read of such a table
 * sees the branch, so the run's MERGEs and checks see its own writes. Tables without WAP (the
 * quality log) are written to {@code main} directly.
 *
 * <p>The branch is made from {@code main} when the run opens it, on every table the run may write,
 * so the run reads and writes one state of the lake however long it takes: a run whose writes
 * were computed before another run published cannot publish on top of it (the publish would not be
 * a fast-forward), and is done again. That is what lets a run append rows it found new instead of
 * MERGEing them (a branch made at its first commit would start from whatever main was then).
 */
public final class AuditBranch {
    /** Every audit branch's name starts so; maintenance drops old ones (a failed run's branch is kept until then). */
    public static final String PREFIX = "audit-";
    private static final String MAIN = SnapshotRef.MAIN_BRANCH;

    private final String name;
    private final SparkSession parent;
    private final SparkSession session;
    /** Each table the run may write, with the snapshot its branch was made at. */
    private final Map<LakeTable, Long> bases;

    private AuditBranch(String name, SparkSession parent, SparkSession session, Map<LakeTable, Long> bases) {
        this.name = name;
        this.parent = parent;
        this.session = session;
        this.bases = bases;
    }

    /**
     * Runs {@code run} on a branch of its own and returns what it returns; {@code run} publishes
     * when its checks pass. When another run published first, the branch is dropped and
     * {@code run} is done again from the new {@code main}, up to {@value Commits#ATTEMPTS} times.
     *
     * @param tables the audited tables the run may write
     */
    public static <T> T withRetries(SparkSession parent, String jobRunId, List<LakeTable> tables,
                                    Function<AuditBranch, T> run, Consumer<String> progress) {
        for (int attempt = 1; ; attempt++) {
            AuditBranch branch = open(parent, nameFor(jobRunId, attempt), tables);
            try {
                return run.apply(branch);
            } catch (PublishConflict conflict) {
                branch.discard();
                if (attempt == Commits.ATTEMPTS) {
                    throw new JobFailure(conflict.getMessage() + ", " + attempt + " times in a row: nothing of this run"
                            + " was published. Rerun it when the other runs are done.");
                }
                progress.accept(conflict.getMessage() + ": doing the run again on a new branch (attempt "
                        + (attempt + 1) + ")");
            }
        }
    }

    private static AuditBranch open(SparkSession parent, String name, List<LakeTable> tables) {
        SparkSession session = parent.newSession();
        // A new session starts from the context's configuration: keep a catalog set on the parent at runtime.
        for (Map.Entry<String, String> entry : CollectionConverters.asJava(parent.conf().getAll()).entrySet()) {
            if (entry.getKey().startsWith("spark.sql.catalog.")) {
                session.conf().set(entry.getKey(), entry.getValue());
            }
        }
        session.conf().set("spark.wap.branch", name);
        Catalog catalog = LakeTables.icebergCatalog(session);
        Map<LakeTable, Long> bases = new LinkedHashMap<>();
        for (LakeTable table : tables) {
            Table iceberg = catalog.loadTable(table.identifier());
            // On a table without snapshots, Iceberg makes the branch at a new empty one.
            retryingCommit(iceberg, () -> iceberg.manageSnapshots().createBranch(name).commit());
            bases.put(table, iceberg.refs().get(name).snapshotId());
        }
        return new AuditBranch(name, parent, session, bases);
    }

    /** {@code audit-<job run id>}, with the attempt number after the first. */
    public static String nameFor(String jobRunId, int attempt) {
        return PREFIX + jobRunId + (attempt == 1 ? "" : "-" + attempt);
    }

    public String name() {
        return name;
    }

    /** The session the run must read and write through. */
    public SparkSession session() {
        return session;
    }

    /** The tables the run wrote to, i.e. whose branch moved since the run opened it. */
    public List<LakeTable> written() {
        Catalog catalog = LakeTables.icebergCatalog(session);
        List<LakeTable> written = new ArrayList<>();
        bases.forEach((table, base) -> {
            SnapshotRef branch = catalog.loadTable(table.identifier()).refs().get(name);
            if (branch != null && branch.snapshotId() != base) {
                written.add(table);
            }
        });
        return written;
    }

    /**
     * Moves {@code main} of every written table to the branch, and drops the branch from every table.
     *
     * @throws PublishConflict when another run moved a written table's {@code main} after this
     *                         branch was made from it: the run must be redone on a new branch
     */
    public List<LakeTable> publish(Consumer<String> progress) {
        Catalog catalog = LakeTables.icebergCatalog(session);
        List<LakeTable> written = written();
        // Check every table first, so a conflict is usually found before anything is published.
        for (LakeTable table : written) {
            requireFastForward(catalog.loadTable(table.identifier()), table);
        }
        for (LakeTable table : written) {
            fastForward(catalog.loadTable(table.identifier()), table);
            // Spark caches resolved tables per session: the caller's session must read the new main.
            parent.catalog().refreshTable(table.name());
        }
        bases.keySet().stream().filter(table -> !written.contains(table)).forEach(this::removeBranch);
        if (!written.isEmpty()) {
            progress.accept("published " + String.join(", ", written.stream().map(LakeTable::shortName).toList())
                    + " (audited on branch " + name + ")");
        }
        return written;
    }

    /**
     * Drops the branch from every table, for a run that is redone on a new branch. A branch that
     * keeps losing commit races stays; maintenance drops it once it is old.
     */
    public void discard() {
        bases.keySet().forEach(this::removeBranch);
    }

    private void removeBranch(LakeTable table) {
        Table iceberg = LakeTables.icebergCatalog(session).loadTable(table.identifier());
        try {
            retryingCommit(iceberg, () -> {
                if (iceberg.refs().containsKey(name)) {
                    iceberg.manageSnapshots().removeBranch(name).commit();
                }
            });
        } catch (CommitFailedException e) {
            // lost every race: maintenance drops the branch once it is old
        }
    }

    /** A metadata-only commit, again from a refreshed table when another commit won the race. */
    private static void retryingCommit(Table table, Runnable commit) {
        for (int attempt = 1; ; attempt++) {
            try {
                table.refresh();
                commit.run();
                return;
            } catch (CommitFailedException e) {
                if (attempt == Commits.ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** How to look at what a run that failed its audit left on the branch. */
    public String inspectionHint(LakeTable example) {
        return "what it wrote is kept on branch '" + name + "' for inspection, e.g. " + Launcher.COMMAND + " sql \"select * from "
                + example.shortName() + " version as of '" + name + "' limit 20\"; when done: " + Launcher.COMMAND + " sql \"alter table "
                + example.shortName() + " drop branch `" + name + "`\"";
    }

    /** Moves main to the branch, again after a concurrent commit of anything else to the table's metadata. */
    private void fastForward(Table table, LakeTable definition) {
        for (int attempt = 1; ; attempt++) {
            requireFastForward(table, definition);
            try {
                table.manageSnapshots().fastForwardBranch(MAIN, name).removeBranch(name).commit();
                return;
            } catch (IllegalArgumentException e) {
                throw new PublishConflict(definition, e);
            } catch (CommitFailedException e) {
                if (attempt == Commits.ATTEMPTS) {
                    throw new PublishConflict(definition, e);
                }
            }
        }
    }

    private void requireFastForward(Table table, LakeTable definition) {
        table.refresh();
        SnapshotRef main = table.refs().get(MAIN);
        SnapshotRef branch = table.refs().get(name);
        if (main == null || branch == null) {
            return;
        }
        if (!SnapshotUtil.isAncestorOf(table, branch.snapshotId(), main.snapshotId())) {
            throw new PublishConflict(definition, null);
        }
    }

    /** Another run published to a table after this run's branch was made. */
    public static final class PublishConflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PublishConflict(LakeTable table, Throwable cause) {
            super("another run published to " + table.shortName() + " after this run began", cause);
        }
    }
}
