package io.coinlake.connect.s3;

import io.coinlake.s3.S3Connection;
import java.util.Arrays;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Write-once uploads with S3's conditional PUT ({@code If-None-Match: *}): the server refuses
 * (412) a key that exists, and a refusal is resolved by comparing bytes.
 */
public final class S3WriteOnceStore implements WriteOnceStore {
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;

    public S3WriteOnceStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public static S3WriteOnceStore from(BronzeSinkConfig config) {
        S3Connection store = new S3Connection(config.endpoint(), config.region(), config.pathStyle(), config.accessKeyId(),
                config.secretAccessKey().value(), config.requestTimeout());
        return new S3WriteOnceStore(store.client(), config.bucket());
    }

    @Override
    public Outcome putIfAbsent(String key, byte[] content) {
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*")
                    .contentType(key.endsWith(".gz") ? "application/gzip" : "application/x-ndjson").build(),
                    RequestBody.fromBytes(content));
            return Outcome.WRITTEN;
        } catch (S3Exception e) {
            if (e.statusCode() != PRECONDITION_FAILED) {
                throw e;
            }
        }
        byte[] existing = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asByteArray();
        if (!Arrays.equals(existing, content)) {
            throw new ConflictingObjectException("s3://" + bucket + "/" + key + " already exists with different content ("
                    + existing.length + " bytes, this write " + content.length + " bytes). Bronze objects are never"
                    + " rewritten: find out what else writes under this prefix, or give this connector its own s3.prefix.");
        }
        return Outcome.ALREADY_PRESENT;
    }

    @Override
    public void close() {
        s3.close();
    }
}
