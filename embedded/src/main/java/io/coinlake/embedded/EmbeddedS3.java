package io.coinlake.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A real S3 API server on 127.0.0.1, the local stand-in for MinIO: s3proxy with its filesystem
 * backend, run as a child JVM. Objects are plain files under {@code <home>/s3/data/<bucket>/<key>},
 * so bronze can be read with any tool as well as through the S3 API.
 */
public final class EmbeddedS3 extends ChildService {
    private final Path directory;
    private final int port;
    private final String classpath;
    private final String accessKey;
    private final String secretKey;

    /** @param classpath a classpath holding org.gaul:s3proxy and its dependencies */
    public EmbeddedS3(Path home, int port, String classpath, String accessKey, String secretKey) {
        super(home, "s3", "S3 server (s3proxy, filesystem backend)", home.resolve("s3").resolve("s3proxy.properties").toString());
        this.directory = home.resolve("s3");
        this.port = port;
        this.classpath = classpath;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    @Override
    public String address() {
        return endpoint();
    }

    @Override
    protected void checkPortsFree() throws IOException {
        if (answers()) {
            throw portTaken(port, "COINLAKE_S3_PORT");
        }
    }

    @Override
    protected void prepare(Consumer<String> progress) throws IOException {
        writeProperties();
        writeLogbackConfig();
    }

    @Override
    protected List<String> command() {
        return java(List.of("-Xms64m", "-Xmx256m", "-Dlogback.configurationFile=" + logbackConfig()), classpath,
                "org.gaul.s3proxy.Main", "--properties", properties().toString());
    }

    @Override
    protected boolean ready() {
        return answers();
    }

    @Override
    protected Duration stopGrace() {
        return Duration.ofSeconds(15);
    }

    private boolean answers() {
        return isServing(endpoint());
    }

    /**
     * Whether an S3 server answers at {@code endpoint}. Any HTTP answer counts: an anonymous request
     * is refused, but only by a running server.
     */
    public static boolean isServing(String endpoint) {
        return httpStatus(endpoint + "/", Duration.ofSeconds(2)) > 0;
    }

    private Path properties() {
        return directory.resolve("s3proxy.properties");
    }

    private Path logbackConfig() {
        return directory.resolve("logback.xml");
    }

    /** s3proxy logs through Logback, which without a configuration logs every request's every byte at DEBUG. */
    private void writeLogbackConfig() throws IOException {
        Files.writeString(logbackConfig(), String.join("\n",
                "<!-- Written by coinlake on every start. -->",
                "<configuration>",
                "  <appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                "    <encoder><pattern>%d{ISO8601} %level %logger{20}: %msg%n</pattern></encoder>",
                "  </appender>",
                "  <root level=\"INFO\"><appender-ref ref=\"out\"/></root>",
                "</configuration>",
                ""), StandardCharsets.UTF_8);
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
        writePrivately(properties(), text);
    }
}
