package io.coinlake.connect.s3;

import io.coinlake.embedded.EmbeddedS3;
import io.coinlake.embedded.FreePorts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** One real S3 API server (s3proxy as a child JVM) per test JVM. */
final class TestS3 {
    static final String ACCESS_KEY = "coinlake-test";
    static final String SECRET_KEY = "coinlake-test-secret";
    private static EmbeddedS3 server;

    private TestS3() {
    }

    static synchronized EmbeddedS3 server() throws Exception {
        if (server == null) {
            Path home = Files.createTempDirectory("coinlake-test-s3");
            EmbeddedS3 started = new EmbeddedS3(home, FreePorts.pair(), System.getProperty("java.class.path"),
                    ACCESS_KEY, SECRET_KEY);
            started.start(Duration.ofSeconds(60), line -> System.out.println("[test s3] " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            server = started;
        }
        return server;
    }

    static S3Client client() throws Exception {
        return S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(URI.create(server().endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }
}
