package io.coinlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.dates.DateRange;
import io.coinlake.json.RawJson;
import io.coinlake.operations.BronzeWait;
import io.coinlake.operations.Produce;
import io.coinlake.operations.Progress;
import io.coinlake.operations.Stack;
import io.coinlake.s3.S3Connection;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Connect plugin archive installs as Connect users install a sink: unpacked into a directory
 * on the worker's plugin.path. The worker here has none of the connector's own jars on its
 * classpath (no coinlake, no AWS SDK), so the records it lands prove the archive carries what the
 * connector needs and the worker isolates it.
 */
class ConnectPluginArchiveTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 1);
    private static final String CONNECTOR = "io.coinlake.connect.s3.BronzeSinkConnector";

    @TempDir
    Path temp;

    @Test
    void aWorkerWithOnlyTheUnpackedArchiveOnItsPluginPathLandsBronze() throws Exception {
        Path archive = archive();
        Path plugins = temp.resolve("connect-plugins");
        unzip(archive, plugins);
        Path component = plugins.resolve(archive.getFileName().toString().replaceFirst("\\.zip$", ""));
        JsonNode manifest = RawJson.MAPPER.readTree(component.resolve("manifest.json").toFile());
        assertThat(manifest.path("name").asText()).isEqualTo("coinlake-bronze-sink");
        assertThat(manifest.path("component_types").toString()).contains("sink");
        assertThat(component.resolve("etc/bronze-sink.json")).hasContent(Files.readString(Path.of("../connect/bronze-sink.json")));
        assertThat(component.resolve("doc/README.md")).exists();
        try (Stream<Path> lib = Files.list(component.resolve("lib"))) {
            assertThat(lib.map(jar -> jar.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("coinlake-connect-"))
                    .anyMatch(name -> name.startsWith("s3-"))
                    .noneMatch(name -> name.startsWith("connect-api-") || name.startsWith("slf4j-"));
        }

        String workerClasspath = workerClasspath();
        assertThat(workerClasspath).doesNotContain("coinlake").doesNotContain("awssdk").contains("connect-runtime");
        IsolatedStack isolated = new IsolatedStack(temp.resolve("home"));
        CoinlakeConfig config = isolated.config();
        Stack stack = new Stack(config).withConnectWorker(plugins, workerClasspath);
        try {
            stack.up(new Progress("up"));
            assertThat(get(config.connectUrl() + "/connector-plugins")).contains(CONNECTOR);

            Produce.dates(config, new DateRange(DATE, DATE), new Progress("produce"));
            BronzeWait.Landed landed = BronzeWait.await(config, DATE, Duration.ofSeconds(120), new Progress("bronze"));

            assertThat(landed.records()).isEqualTo(config.get(Settings.COINLAKE_ASSET_COUNT));
            try (S3Client s3 = S3Connection.of(config).client()) {
                assertThat(s3.listObjectsV2(r -> r.bucket(config.get(Settings.COINLAKE_BUCKET)).prefix("bronze/")).contents())
                        .isNotEmpty()
                        .allMatch(object -> object.key().contains("/dt=" + DATE + "/"));
            }
        } finally {
            stack.down(new Progress("down"));
        }
    }

    /** The archive the connect module built, next to this module. */
    private static Path archive() throws IOException {
        try (Stream<Path> built = Files.list(Path.of("../connect/target"))) {
            List<Path> archives = built.filter(p -> p.getFileName().toString().matches("coinlake-bronze-sink-.+\\.zip")).toList();
            assertThat(archives).as("the connect module's plugin archive (mvn package builds it)").hasSize(1);
            return archives.get(0).toAbsolutePath().normalize();
        }
    }

    private static void unzip(Path archive, Path into) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as("%s stays inside the plugin directory", entry.getName()).isTrue();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
    }

    /** The worker's classpath: this JVM's, less every jar the connector brings in its archive. */
    private static String workerClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("coinlake") && !entry.contains("awssdk")
                        && !entry.contains("httpcomponents") && !entry.contains("/target/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
