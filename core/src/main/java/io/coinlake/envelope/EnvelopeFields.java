package io.coinlake.envelope;

/**
 * The field names of the envelope's JSON form (schema version {@value EnvelopeCodec#SCHEMA_VERSION}),
 * defined once: the codec writes them, the bronze sink finds the date and the end-of-batch marker
 * by them, silver parses bronze with a schema made of them, and replay searches records for them.
 */
public final class EnvelopeFields {
    /** {@link EnvelopeCodec#TYPE_ASSET} or {@link EnvelopeCodec#TYPE_END_OF_BATCH}. */
    public static final String TYPE = "type";
    public static final String SCHEMA_VERSION = "schemaVersion";
    /** The date the snapshot stands for: the bronze partition. */
    public static final String LOGICAL_DATE = "logicalDate";
    public static final String RUN_ID = "runId";
    /** {@link Batch#SOURCE_API} or {@link Batch#SOURCE_SIMULATED}. */
    public static final String SOURCE = "source";
    public static final String FETCHED_AT = "fetchedAt";

    // Asset records
    public static final String ASSET_ID = "assetId";
    /** A {@link SnapshotKind#label()}. */
    public static final String SNAPSHOT_KIND = "snapshotKind";
    public static final String ENDPOINT = "endpoint";
    public static final String RESPONSE_TIMESTAMP = "responseTimestamp";
    public static final String INDEX = "index";
    public static final String COUNT = "count";
    /** The CoinCap object exactly as sent. */
    public static final String ASSET = "asset";
    /** For history records, the /assets object the asset was chosen from. */
    public static final String LISTING = "listing";

    // End-of-batch markers (which also carry COUNT)
    public static final String PARTITION = "partition";
    public static final String RECORDS_IN_PARTITION = "recordsInPartition";

    private EnvelopeFields() {
    }
}
