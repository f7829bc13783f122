package io.coinlake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The images docker-compose.yml runs (apache/kafka and MinIO) as Testcontainers containers, their
 * tags read from that file so both stacks test the same versions. Started once per test JVM, for
 * every test tagged "docker" (-Pdocker), and removed by Testcontainers when the JVM ends.
 */
record OfficialImages(KafkaContainer kafka, MinIOContainer minio) {
    private static final Path COMPOSE = Path.of("../docker-compose.yml");
    private static OfficialImages running;

    /** Call only from a test class marked {@code @Testcontainers(disabledWithoutDocker = true)}. */
    static synchronized OfficialImages started() {
        if (running == null) {
            KafkaContainer kafka = new KafkaContainer(composeImage("apache/kafka"));
            MinIOContainer minio = new MinIOContainer(DockerImageName.parse(composeImage("quay.io/minio/minio"))
                    .asCompatibleSubstituteFor("minio/minio"));
            kafka.start();
            minio.start();
            running = new OfficialImages(kafka, minio);
        }
        return running;
    }

    /** The CLI's settings for these containers; Connect and Spark stay embedded. */
    Map<String, String> settings() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers(), "S3_ENDPOINT", minio.getS3URL(),
                "S3_ACCESS_KEY", minio.getUserName(), "S3_SECRET_KEY", minio.getPassword());
    }

    private static String composeImage(String repository) {
        try {
            Matcher image = Pattern.compile("(?m)^\\s*image:\\s*(" + Pattern.quote(repository) + ":\\S+)\\s*$")
                    .matcher(Files.readString(COMPOSE));
            if (!image.find()) {
                throw new IllegalStateException(COMPOSE + " runs no " + repository + " image");
            }
            return image.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + COMPOSE, e);
        }
    }
}
