package io.coinlake.operations;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put what the embedded stack runs. Two layouts, found from the CLI's own jar: the
 * source tree (each module's target/ directory) and an unpacked release (dist/src/assembly/release.xml,
 * marked by its release.properties).
 */
public final class InstallLayout {
    public static final String RELEASE_MARKER = "release.properties";

    private final Path connectPluginPath;
    private final Path connectorConfig;
    private final Path s3ServerLib;
    private final Path restCatalogLib;
    private final Path sparkJobsJar;
    private final Path sparkJobsLib;
    private final Path sparkLib;
    private final Path sparkJvmOptions;
    private final String whatToDo;

    private InstallLayout(Path connectPluginPath, Path connectorConfig, Path s3ServerLib, Path restCatalogLib,
                          Path sparkJobs, Path sparkJobsJar, String whatToDo) {
        this.connectPluginPath = connectPluginPath;
        this.connectorConfig = connectorConfig;
        this.s3ServerLib = s3ServerLib;
        this.restCatalogLib = restCatalogLib;
        this.sparkJobsJar = sparkJobsJar;
        this.sparkJobsLib = sparkJobsJar.resolveSibling("lib");
        this.sparkLib = sparkJobsJar.resolveSibling("spark-lib");
        this.sparkJvmOptions = sparkJobs.resolve("spark-jvm.options");
        this.whatToDo = whatToDo;
    }

    public static InstallLayout sourceTree(Path root) {
        return new InstallLayout(root.resolve("connect/target/plugin"), root.resolve("connect/bronze-sink.json"),
                root.resolve("s3server/target/lib"), root.resolve("restcatalog/target/lib"), root.resolve("spark-jobs"),
                root.resolve("spark-jobs/target/coinlake-spark-jobs.jar"),
                "build the project first (./coinlake builds on first use, or run mvn -DskipTests package)");
    }

    public static InstallLayout release(Path root) {
        return new InstallLayout(root.resolve("connect/plugin"), root.resolve("connect/bronze-sink.json"),
                root.resolve("s3server/lib"), root.resolve("restcatalog/lib"), root.resolve("spark-jobs"),
                root.resolve("spark-jobs/coinlake-spark-jobs.jar"),
                "this release is incomplete: unpack coinlake-<version>.tar.gz again");
    }

    public static InstallLayout locate() {
        Path start;
        try {
            start = Path.of(InstallLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            start = Path.of("").toAbsolutePath();
        }
        return locateFrom(start);
    }

    public static InstallLayout locateFrom(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(RELEASE_MARKER))) {
                return release(dir);
            }
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("connect"))
                    && Files.isDirectory(dir.resolve("s3server"))) {
                return sourceTree(dir);
            }
        }
        throw new UserError("Cannot find a coinlake release or source tree above " + start
                + ": run the CLI through bin/coinlake (a release) or ./coinlake (the source tree).");
    }

    /** The directory whose subdirectories are Connect plugins. */
    public Path connectPluginPath() {
        return require(connectPluginPath);
    }

    /** The connector configuration shared with docker-compose. */
    public Path connectorConfig() {
        return connectorConfig;
    }

    /** The classpath of the embedded S3 server's JVM. */
    public String s3ServerClasspath() {
        return require(s3ServerLib) + "/*";
    }

    /** The classpath of the embedded REST catalog server's JVM. */
    public String restCatalogClasspath() {
        return require(restCatalogLib) + "/*";
    }

    /** The Spark jobs' jar and every jar they need, Spark included. */
    public String sparkJobsClasspath() {
        return require(sparkJobsJar) + ":" + require(sparkJobsLib) + "/*:" + require(sparkLib) + "/*";
    }

    /** The JVM flags Spark needs on Java 17, shared with the Spark jobs' tests. */
    public Path sparkJvmOptions() {
        return sparkJvmOptions;
    }

    private Path require(Path built) {
        if (!Files.exists(built)) {
            throw new UserError(built + " is missing: " + whatToDo + ".");
        }
        return built;
    }
}
