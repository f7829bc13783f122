package io.coinlake.spark.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;

/** What maintenance changes in a table, counted from its metadata: live data files, their bytes, snapshots. */
record TableFigures(long dataFiles, long bytes, int snapshots, int partitions, int mostFilesInAPartition,
                    int partitionsWithSeveralFiles) {
    static TableFigures of(Table table) {
        table.refresh();
        long files = 0;
        long bytes = 0;
        Map<String, Integer> perPartition = new HashMap<>();
        if (table.currentSnapshot() != null) {
            try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                for (FileScanTask task : tasks) {
                    files++;
                    bytes += task.file().fileSizeInBytes();
                    perPartition.merge(table.specs().get(task.file().specId()).partitionToPath(task.file().partition()), 1, Integer::sum);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the data files of " + table.name() + ": " + e.getMessage(), e);
            }
        }
        int most = perPartition.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int several = (int) perPartition.values().stream().filter(count -> count > 1).count();
        return new TableFigures(files, bytes, Iterables.size(table.snapshots()), perPartition.size(), most, several);
    }

    static String size(long bytes) {
        return bytes < 1_048_576 ? String.format("%.1f KB", bytes / 1024.0) : String.format("%.1f MB", bytes / 1_048_576.0);
    }
}
