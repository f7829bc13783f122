package io.coinlake.operations;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The lake bucket, which the CLI makes sure exists. */
public final class LakeBucket {
    private LakeBucket() {
    }

    /** Creates the bucket when missing; returns true if it created it. */
    public static boolean ensure(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            try {
                s3.createBucket(b -> b.bucket(bucket));
                return true;
            } catch (BucketAlreadyOwnedByYouException raced) {
                return false;
            }
        }
    }
}
