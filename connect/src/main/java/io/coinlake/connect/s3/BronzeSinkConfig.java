package io.coinlake.connect.s3;

import io.coinlake.bronze.BronzeObjectKey;
import io.coinlake.config.Settings;
import io.coinlake.config.Validator;
import io.coinlake.config.Validators;
import io.coinlake.envelope.EnvelopeCodec;
import io.coinlake.envelope.EnvelopeFields;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The bronze sink's settings: one fragment per concern, each key with a doc and a validator. */
public final class BronzeSinkConfig extends AbstractConfig {
    public static final String S3_BUCKET = "s3.bucket";
    public static final String S3_PREFIX = "s3.prefix";
    public static final String S3_ENDPOINT = "s3.endpoint";
    public static final String S3_REGION = "s3.region";
    public static final String S3_PATH_STYLE = "s3.path.style.access";
    public static final String AWS_ACCESS_KEY_ID = "aws.access.key.id";
    public static final String AWS_SECRET_ACCESS_KEY = "aws.secret.access.key";
    public static final String S3_REQUEST_TIMEOUT_MS = "s3.request.timeout.ms";
    public static final String FLUSH_SIZE = "flush.size";
    public static final String GZIP = "format.gzip";
    public static final String PARTITION_FIELD = "partition.field";
    public static final String PARTITION_FALLBACK = "partition.fallback";
    public static final String BATCH_END_FIELD = "batch.end.field";
    public static final String BATCH_END_VALUE = "batch.end.value";

    /** What to do with a record that lacks the partition field. */
    public enum Fallback { NONE, TIMESTAMP }

    public static final ConfigDef CONFIG = new ConfigDef();

    static {
        storage(CONFIG);
        layout(CONFIG);
        partitioning(CONFIG);
    }

    private static void storage(ConfigDef def) {
        String group = "S3";
        def.define(S3_BUCKET, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new CoreRule(Validators.bucketName()), Importance.HIGH,
                "Bucket the bronze objects are written to. It must exist.", group, 1, ConfigDef.Width.MEDIUM, "Bucket");
        def.define(S3_ENDPOINT, Type.STRING, "", new CoreRule(Validators.optionalHttpUrl()), Importance.HIGH,
                "S3 API endpoint, e.g. http://minio:9000. Empty: AWS S3 for the region.", group, 2, ConfigDef.Width.LONG, "Endpoint");
        def.define(S3_REGION, Type.STRING, Settings.S3_REGION.defaultText(), new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Region to sign requests for.", group, 3, ConfigDef.Width.SHORT, "Region");
        def.define(S3_PATH_STYLE, Type.BOOLEAN, true, Importance.MEDIUM,
                "Path-style URLs (http://host/bucket/key), as MinIO and most S3-compatible servers need.",
                group, 4, ConfigDef.Width.SHORT, "Path-style access");
        def.define(AWS_ACCESS_KEY_ID, Type.STRING, "", Importance.HIGH,
                "Access key. Empty: the AWS SDK's default credential chain.", group, 5, ConfigDef.Width.MEDIUM, "Access key");
        def.define(AWS_SECRET_ACCESS_KEY, Type.PASSWORD, "", Importance.HIGH,
                "Secret key; hidden in logs and in the REST API.", group, 6, ConfigDef.Width.MEDIUM, "Secret key");
        def.define(S3_REQUEST_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.between(100, 600_000), Importance.LOW,
                "How long one S3 request may take before it counts as failed and is retried. A store that hangs"
                        + " then pauses the sink instead of blocking it.", group, 7, ConfigDef.Width.SHORT, "Request timeout (ms)");
    }

    private static void layout(ConfigDef def) {
        String group = "Objects";
        def.define(S3_PREFIX, Type.STRING, BronzeObjectKey.PREFIX, new Prefix(), Importance.MEDIUM,
                "Key prefix: objects go to <prefix>/<topic>/dt=YYYY-MM-DD/<topic>+<partition>+<first offset>.jsonl.",
                group, 1, ConfigDef.Width.MEDIUM, "Prefix");
        def.define(FLUSH_SIZE, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.HIGH,
                "Records per object at most. Objects also close at a date change and at an end-of-batch marker.",
                group, 2, ConfigDef.Width.SHORT, "Flush size");
        def.define(GZIP, Type.BOOLEAN, false, Importance.LOW,
                "Gzip each object (.jsonl.gz).", group, 3, ConfigDef.Width.SHORT, "Gzip");
    }

    private static void partitioning(ConfigDef def) {
        String group = "Partitioning";
        def.define(PARTITION_FIELD, Type.STRING, EnvelopeFields.LOGICAL_DATE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                "Top-level field of the JSON value holding the record's date (YYYY-MM-DD).", group, 1, ConfigDef.Width.MEDIUM, "Date field");
        def.define(PARTITION_FALLBACK, Type.STRING, "none", ConfigDef.CaseInsensitiveValidString.in("none", "timestamp"),
                Importance.MEDIUM, "Without the date field: 'none' sends the record to the dead-letter queue,"
                        + " 'timestamp' uses the record timestamp's UTC date.", group, 2, ConfigDef.Width.SHORT, "Fallback");
        def.define(BATCH_END_FIELD, Type.STRING, EnvelopeFields.TYPE, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Top-level field that marks the end of a producer batch.", group, 3, ConfigDef.Width.MEDIUM, "Batch-end field");
        def.define(BATCH_END_VALUE, Type.STRING, EnvelopeCodec.TYPE_END_OF_BATCH, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Value of that field on an end-of-batch marker; the marker closes the open object and is not landed.",
                group, 4, ConfigDef.Width.MEDIUM, "Batch-end value");
    }

    public BronzeSinkConfig(Map<String, String> settings) {
        super(CONFIG, settings);
    }

    public String bucket() {
        return getString(S3_BUCKET);
    }

    public String prefix() {
        return getString(S3_PREFIX);
    }

    public String endpoint() {
        return getString(S3_ENDPOINT);
    }

    public String region() {
        return getString(S3_REGION);
    }

    public boolean pathStyle() {
        return getBoolean(S3_PATH_STYLE);
    }

    public String accessKeyId() {
        return getString(AWS_ACCESS_KEY_ID);
    }

    public Password secretAccessKey() {
        return getPassword(AWS_SECRET_ACCESS_KEY);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getInt(S3_REQUEST_TIMEOUT_MS));
    }

    public int flushSize() {
        return getInt(FLUSH_SIZE);
    }

    public boolean gzip() {
        return getBoolean(GZIP);
    }

    public RecordClassifier classifier() {
        boolean fallback = Fallback.valueOf(getString(PARTITION_FALLBACK).toUpperCase(Locale.ROOT)) == Fallback.TIMESTAMP;
        return new RecordClassifier(getString(PARTITION_FIELD), fallback, getString(BATCH_END_FIELD), getString(BATCH_END_VALUE));
    }

    /**
     * One of the project's validators (core's single definition of a rule) as a Connect validator,
     * so a typo fails when the connector is created, with the key and the rule.
     */
    static final class CoreRule implements ConfigDef.Validator {
        private final Validator<String> rule;

        CoreRule(Validator<String> rule) {
            this.rule = rule;
        }

        @Override
        public void ensureValid(String name, Object value) {
            try {
                rule.check(value == null ? "" : (String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return rule.describe();
        }
    }

    static final class Prefix implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = (String) value;
            if (text == null || text.startsWith("/") || text.endsWith("/") || text.contains("//")) {
                throw new ConfigException(name, value, "must not start or end with '/' or contain '//'");
            }
        }

        @Override
        public String toString() {
            return "key prefix without leading or trailing '/'";
        }
    }
}
