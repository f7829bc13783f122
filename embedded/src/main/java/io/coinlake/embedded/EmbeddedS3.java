package io.coinlake.embedded;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real S3 API server on 127.0.0.1, the local stand-in for MinIO: s3proxy with its filesystem
 * backend, run as a child JVM. Objects are plain files under {@code <home>/s3/data/<bucket>/<key>},
 * so bronze can be read with any tool as well as through the S3 API.
 */
public final class EmbeddedS3 {
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Path directory;
    private final int port;
    private final String classpath;
    private final String accessKey;
    private final String secretKey;
    private final ManagedProcess process;

    /** @param classpath a classpath holding org.gaul:s3proxy and its dependencies */
    public EmbeddedS3(Path home, int port, String classpath, String accessKey, String secretKey) {
        this.directory = home.resolve("s3");
        this.port = port;
        this.classpath = classpath;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.process = new ManagedProcess("s3", home.resolve("run"), home.resolve("logs").resolve("s3.log"),
                properties().toString());
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    public Optional<ProcessHandle> running() {
        return process.running();
    }

    /** Starts the server unless it runs, and waits until it answers HTTP. Returns false if it already ran. */
    public boolean start(Duration timeout, Consumer<String> progress) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = process.running();
        if (running.isPresent()) {
            waitUntilReady(running.get(), timeout);
            return false;
        }
        if (answers()) {
            throw new IOException("Port " + port + " on 127.0.0.1 is used by another program, so the embedded S3"
                    + " server cannot start. Stop that program or choose another port.");
        }
        writeProperties();
        progress.accept("starting S3 server (s3proxy, filesystem backend) on " + endpoint() + ", log: " + process.logFile());
        ProcessHandle started = process.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-Djava.net.preferIPv4Stack=true", "-cp", classpath,
                "org.gaul.s3proxy.Main", "--properties", properties().toString()));
        waitUntilReady(started, timeout);
        return true;
    }

    public boolean stop() throws InterruptedException {
        return process.stop(STOP_GRACE);
    }

    private void waitUntilReady(ProcessHandle server, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answers()) {
            if (!server.isAlive()) {
                throw new IOException("The S3 server exited while starting. " + process.logHint());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("The S3 server did not answer on " + endpoint() + " within "
                        + timeout.toSeconds() + " s. " + process.logHint());
            }
            Thread.sleep(200);
        }
    }

    /** Any HTTP answer counts: an anonymous request is refused, but only by a running server. */
    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private Path properties() {
        return directory.resolve("s3proxy.properties");
    }

    private void writeProperties() throws IOException {
        Files.createDirectories(dataDirectory());
        String text = String.join("\n",
                "# Written by coinlake on every start: change the settings, not this file.",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem",
                "jclouds.identity=" + accessKey,
                "jclouds.credential=" + secretKey,
                "jclouds.filesystem.basedir=" + dataDirectory(),
                "");
        Files.writeString(properties(), text, StandardCharsets.UTF_8);
        // The file holds the secret key: readable by its owner only.
        try {
            Files.setPosixFilePermissions(properties(), PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing more to do.
        }
    }
}
