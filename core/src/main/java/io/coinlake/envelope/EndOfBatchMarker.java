package io.coinlake.envelope;

import java.util.Objects;

/**
 * Published to every partition of the raw topic after a batch's records, in the same transaction.
 * It lets a consumer (the bronze sink) close a date's file from the data alone: once a partition's
 * marker arrives, that partition holds all {@code recordsInPartition} records of the batch.
 *
 * @param partition          the partition this marker was written to
 * @param recordsInPartition asset records of this batch written to that partition before it
 * @param count              asset records in the whole batch
 */
public record EndOfBatchMarker(Batch batch, int partition, int recordsInPartition, int count) implements Envelope {
    public EndOfBatchMarker {
        Objects.requireNonNull(batch, "batch");
    }
}
