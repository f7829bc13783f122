package io.coinlake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coinlake.embedded.EmbeddedS3;
import io.coinlake.embedded.FreePorts;
import io.coinlake.operations.InstallLayout;
import io.coinlake.s3.S3Connection;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Without an access key, S3Connection's client finds its credentials through the AWS SDK's default
 * chain, as on real S3 with an instance or web-identity role: here through the chain's system
 * properties, against a real S3 API server that knows only that key.
 */
class DefaultCredentialsChainTest {
    private static final String KEY = "chain-user";
    private static final String SECRET = "chain-secret-123";

    @AfterEach
    void clearChain() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void anEmptyAccessKeySignsWithWhatTheDefaultChainFinds(@TempDir Path home) throws Exception {
        EmbeddedS3 server = new EmbeddedS3(home, FreePorts.pair(), InstallLayout.locate().s3ServerClasspath(), KEY, SECRET);
        server.start(Duration.ofSeconds(60), line -> { });
        try {
            S3Connection connection = new S3Connection(server.endpoint(), "us-east-1", true, "", "", Duration.ofSeconds(10));
            System.setProperty("aws.accessKeyId", KEY);
            System.setProperty("aws.secretAccessKey", SECRET);
            try (S3Client s3 = connection.client()) {
                s3.createBucket(b -> b.bucket("from-the-chain"));
                assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("from-the-chain");
            }

            System.setProperty("aws.secretAccessKey", "not-the-secret");
            try (S3Client s3 = connection.client()) {
                assertThatThrownBy(s3::listBuckets).isInstanceOfSatisfying(S3Exception.class,
                        refused -> assertThat(refused.statusCode()).isEqualTo(403));
            }
        } finally {
            server.stop();
        }
    }
}
