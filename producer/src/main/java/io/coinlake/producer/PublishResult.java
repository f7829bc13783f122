package io.coinlake.producer;

import io.coinlake.envelope.Batch;
import io.coinlake.envelope.SnapshotKind;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one produce run wrote for one date.
 *
 * @param partitions per partition: records written, offsets of the first record and of the
 *                   end-of-batch marker, and the partition's end offset after the commit
 */
public record PublishResult(Batch batch, String topic, SnapshotKind kind, int records, int duplicateIds,
                            Map<Integer, PartitionSummary> partitions) {
    public PublishResult {
        partitions = Collections.unmodifiableMap(new TreeMap<>(partitions));
    }

    /** firstOffset is -1 when the batch put no record on the partition (it still gets a marker). */
    public record PartitionSummary(int records, long firstOffset, long markerOffset, long endOffset) {
    }
}
