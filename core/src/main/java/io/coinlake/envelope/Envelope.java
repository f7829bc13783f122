package io.coinlake.envelope;

/** A value on the raw topic: one asset of a snapshot, or the marker that closes a batch on a partition. */
public sealed interface Envelope permits AssetEnvelope, EndOfBatchMarker {
    Batch batch();
}
