package io.coinlake.producer;

import io.coinlake.envelope.SnapshotKind;
import java.time.LocalDate;
import java.util.List;

/**
 * The snapshot of one date as CoinCap gave it.
 *
 * @param withoutHistory assets of the listing that had no history point for the date (history mode)
 * @param duplicateIds   how many items repeat an id already in the snapshot: kept, since bronze is
 *                       the raw record, and dropped by silver's deduplication
 */
public record Snapshot(LocalDate date, SnapshotKind kind, List<SnapshotItem> items, List<String> withoutHistory,
                       int duplicateIds) {
    public Snapshot {
        items = List.copyOf(items);
        withoutHistory = List.copyOf(withoutHistory);
    }
}
