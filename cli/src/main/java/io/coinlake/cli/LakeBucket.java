package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 client of the CLI, and the lake bucket it makes sure exists. */
final class LakeBucket {
    private LakeBucket() {
    }

    static S3Client client(CoinlakeConfig config) {
        return S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(URI.create(config.s3Endpoint()))
                .region(Region.of(config.get(Settings.S3_REGION)))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.get(Settings.S3_ACCESS_KEY), config.get(Settings.S3_SECRET_KEY).reveal())))
                .build();
    }

    /** Creates the bucket when missing; returns true if it created it. */
    static boolean ensure(S3Client s3, String bucket) {
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
