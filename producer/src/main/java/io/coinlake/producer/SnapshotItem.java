package io.coinlake.producer;

import io.coinlake.envelope.SnapshotKind;
import java.time.Instant;

/** One asset of a fetched snapshot, still raw: what becomes one record on the raw topic. */
public record SnapshotItem(String assetId, SnapshotKind kind, String endpoint, Instant responseTime,
                           String rawAsset, String rawListing) {
}
