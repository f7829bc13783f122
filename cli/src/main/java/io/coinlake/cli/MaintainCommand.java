package io.coinlake.cli;

import io.coinlake.operations.SparkJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = {"Keep the tables small and fast: compact each partition's data files, rewrite manifests,"
                + " expire old snapshots and delete orphan files, printing files, bytes and snapshots per table"
                + " before and after (a Spark job).",
            "Safe beside a pipeline run: each step is an Iceberg commit that retries on a conflict.",
            "Settings: COINLAKE_SNAPSHOTS_KEPT, COINLAKE_SNAPSHOT_MAX_AGE_HOURS, COINLAKE_TARGET_FILE_SIZE_MB,"
                    + " COINLAKE_ORPHAN_MIN_AGE_HOURS (see './coinlake config')."})
final class MaintainCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(names = "--dry-run", description = "Print what would be done and change nothing.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("maintain"));
        if (dryRun) {
            arguments.add("--dry-run");
        }
        return SparkJob.run(config.resolve(), arguments);
    }
}
