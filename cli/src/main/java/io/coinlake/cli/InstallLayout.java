package io.coinlake.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what the embedded stack runs: found from the CLI's own location in the source tree. */
final class InstallLayout {
    private final Path root;

    private InstallLayout(Path root) {
        this.root = root;
    }

    static InstallLayout locate() {
        Path start;
        try {
            start = Path.of(InstallLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            start = Path.of("").toAbsolutePath();
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("connect"))
                    && Files.isDirectory(dir.resolve("s3server"))) {
                return new InstallLayout(dir);
            }
        }
        throw new UserError("Cannot find the coinlake source tree above " + start + ": run the CLI through ./coinlake.");
    }

    /** The directory whose subdirectories are Connect plugins. */
    Path connectPluginPath() {
        return require(root.resolve("connect/target/plugin"));
    }

    /** The connector configuration shared with docker-compose. */
    Path connectorConfig() {
        return root.resolve("connect/bronze-sink.json");
    }

    /** The classpath of the embedded S3 server's JVM. */
    String s3ServerClasspath() {
        return require(root.resolve("s3server/target/lib")) + "/*";
    }

    /** The classpath of the embedded REST catalog server's JVM. */
    String restCatalogClasspath() {
        return require(root.resolve("restcatalog/target/lib")) + "/*";
    }

    /** The Spark jobs' jar and every jar they need, Spark included. */
    String sparkJobsClasspath() {
        return require(root.resolve("spark-jobs/target/coinlake-spark-jobs.jar")) + ":"
                + require(root.resolve("spark-jobs/target/lib")) + "/*:"
                + require(root.resolve("spark-jobs/target/spark-lib")) + "/*";
    }

    /** The JVM flags Spark needs on Java 17, shared with the Spark jobs' tests. */
    Path sparkJvmOptions() {
        return root.resolve("spark-jobs/spark-jvm.options");
    }

    private static Path require(Path built) {
        if (!Files.exists(built)) {
            throw new UserError(built + " is missing: build the project first (./coinlake builds on first use,"
                    + " or run mvn -DskipTests package).");
        }
        return built;
    }
}
