package io.coinlake.spark;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.embedded.EmbeddedS3;
import io.coinlake.embedded.FreePorts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One lake per test JVM: a real S3 API server (s3proxy in its own JVM, as in the embedded stack),
 * a SQLite catalog in a temporary data home, and the one SparkSession every test shares.
 */
public final class TestLake {
    public static final String BUCKET = "coinlake-test";
    public static final String ACCESS_KEY = "coinlake-test";
    public static final String SECRET_KEY = "coinlake-test-secret-5f1c";
    private static EmbeddedS3 server;
    private static CoinlakeConfig config;
    private static SparkSession spark;
    private static S3Client s3;

    private TestLake() {
    }

    public static synchronized CoinlakeConfig config() throws Exception {
        if (config == null) {
            Path home = Files.createTempDirectory("coinlake-test-lake");
            String classpath = System.getProperty("coinlake.s3server.classpath");
            if (classpath == null || !Files.isDirectory(Path.of(classpath.replace("/*", "")))) {
                throw new IllegalStateException("s3server/target/lib is missing: build the whole reactor (./run-tests)");
            }
            EmbeddedS3 started = new EmbeddedS3(home, FreePorts.pair(), classpath, ACCESS_KEY, SECRET_KEY);
            started.start(Duration.ofSeconds(60), line -> System.out.println("[test s3] " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            server = started;
            config = CoinlakeConfig.of(settings(home, server.endpoint()));
            s3 = S3Client.builder()
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .endpointOverride(URI.create(server.endpoint()))
                    .region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .build();
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        return config;
    }

    /** The settings a job needs to reach this lake, as a child JVM would get them in its environment. */
    public static Map<String, String> settings(Path home, String endpoint) {
        return Map.of(
                Settings.COINLAKE_HOME.name(), home.toString(),
                Settings.S3_ENDPOINT.name(), endpoint,
                Settings.S3_ACCESS_KEY.name(), ACCESS_KEY,
                Settings.S3_SECRET_KEY.name(), SECRET_KEY,
                Settings.COINLAKE_BUCKET.name(), BUCKET,
                Settings.COINLAKE_ASSET_COUNT.name(), "5");
    }

    public static synchronized SparkSession spark() throws Exception {
        if (spark == null) {
            spark = LakeSession.create(config(), "coinlake tests");
            LakeTables.ensure(spark, config(), System.out::println);
        }
        return spark;
    }

    public static String s3Endpoint() throws Exception {
        config();
        return server.endpoint();
    }

    /**
     * A session whose catalog {@code lake} is a lake of its own (its own SQLite catalog and
     * warehouse prefix) next to the shared one, for tests that need tables nobody else writes.
     */
    public static SparkSession separateLake(String name) throws Exception {
        Path home = Files.createTempDirectory("coinlake-" + name);
        SparkSession session = spark().newSession();
        session.conf().set("spark.sql.catalog.lake.uri", "jdbc:sqlite:" + home.resolve("iceberg.db"));
        session.conf().set("spark.sql.catalog.lake.warehouse", "s3://" + BUCKET + "/" + name + "-" + home.getFileName());
        return session;
    }

    public static boolean exists(String key) throws Exception {
        config();
        try {
            s3.headObject(b -> b.bucket(BUCKET).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return false;
        }
    }

    /** Every object under a prefix of the test bucket. */
    public static List<S3Object> objects(String prefix) throws Exception {
        config();
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().forEach(objects::add);
        return objects;
    }

    public static void put(String key, String body) throws Exception {
        config();
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body));
    }
}
