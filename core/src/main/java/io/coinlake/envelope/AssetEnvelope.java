package io.coinlake.envelope;

import java.time.Instant;
import java.util.Objects;

/**
 * One asset of a snapshot with its ingestion metadata.
 *
 * @param assetId      CoinCap id, also the record key
 * @param kind         which endpoint {@code rawAsset} comes from
 * @param endpoint     the request path and query the data came from (never the key)
 * @param responseTime the API response's {@code timestamp}, also the record timestamp
 * @param index        position of this record in the batch, from 0
 * @param count        records in the batch (across all partitions)
 * @param rawAsset     the asset object exactly as CoinCap sent it
 * @param rawListing   for {@link SnapshotKind#HISTORY}, the /assets object the asset was chosen from
 *                     (its names and rank at fetch time); null for live records
 */
public record AssetEnvelope(Batch batch, String assetId, SnapshotKind kind, String endpoint, Instant responseTime,
                            int index, int count, String rawAsset, String rawListing) implements Envelope {
    public AssetEnvelope {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(responseTime, "responseTime");
        Objects.requireNonNull(rawAsset, "rawAsset");
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("index " + index + " outside batch of " + count);
        }
    }
}
