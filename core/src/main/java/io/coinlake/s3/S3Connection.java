package io.coinlake.s3;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How coinlake reaches an S3 store, and the one way it builds a client for it: the bronze sink,
 * the CLI and (through {@link #usesDefaultCredentials()}) the Spark jobs' settings follow the same
 * rules. An empty access key means the AWS SDK's default credentials chain (environment, system
 * properties, profile, web identity, instance role), as real S3 deployments use.
 */
public final class S3Connection {
    /** How long one request may take before it counts as failed (and the SDK retries it). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String endpoint;
    private final String region;
    private final boolean pathStyle;
    private final String accessKey;
    private final String secretKey;
    private final Duration requestTimeout;

    /**
     * @param endpoint  the S3 API's URL; empty: AWS S3 for the region
     * @param accessKey empty: the default credentials chain (the secret key is then ignored)
     */
    public S3Connection(String endpoint, String region, boolean pathStyle, String accessKey, String secretKey,
                        Duration requestTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.region = Objects.requireNonNull(region, "region");
        this.pathStyle = pathStyle;
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** The lake's store as the configuration names it (path-style: MinIO and s3proxy need it, S3 accepts it). */
    public static S3Connection of(CoinlakeConfig config) {
        return new S3Connection(config.s3Endpoint(), config.get(Settings.S3_REGION), true,
                config.get(Settings.S3_ACCESS_KEY), config.get(Settings.S3_SECRET_KEY).reveal(), DEFAULT_REQUEST_TIMEOUT);
    }

    /** True when no access key is given and the SDK's default credentials chain finds them. */
    public boolean usesDefaultCredentials() {
        return accessKey.isEmpty();
    }

    public S3Client client() {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(requestTimeout))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(requestTimeout))
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                .credentialsProvider(credentials());
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    AwsCredentialsProvider credentials() {
        return usesDefaultCredentials() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    /** Where and how, never the secret. */
    @Override
    public String toString() {
        return "S3 at " + (endpoint.isEmpty() ? "AWS" : endpoint) + " (region " + region + ", "
                + (usesDefaultCredentials() ? "the default credentials chain" : "access key " + accessKey) + ")";
    }
}
