package io.coinlake.spark;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession of a job's JVM, wired to the lake catalog and the S3 store. */
public final class LakeSession {
    private LakeSession() {
    }

    public static SparkSession create(CoinlakeConfig config, String appName) {
        SparkConf conf = new SparkConf();
        // spark-submit passes the master (and the rest of its conf) as spark.* system properties: those win.
        if (!conf.contains("spark.master")) {
            conf.setMaster(config.get(Settings.SPARK_MASTER));
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            // A short local job gains nothing from the web UI but its start-up time and a port.
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.setAppName(appName);
        conf.set("spark.sql.session.timeZone", "UTC");
        // Rows hand out LocalDate and Instant rather than java.sql.Date and Timestamp.
        conf.set("spark.sql.datetime.java8API.enabled", "true");
        // The MERGE plans are wide; the default of 25 fields makes Spark warn that it cut their description.
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "100");
        conf.set("spark.sql.shuffle.partitions", Integer.toString(config.get(Settings.SPARK_SHUFFLE_PARTITIONS)));
        // Silver's parse is one wide projection whose generated method exceeds the 8,000 bytes
        // HotSpot compiles; above this limit Spark uses smaller generated methods instead (the value
        // Spark's docs give for HotSpot). A year of 2000 assets: 157.6 s against 174.4 s (decisions.md, 31).
        conf.setIfMissing("spark.sql.codegen.hugeMethodLimit", "8000");
        // Silver's input is parsed once and kept with its plan cut (SilverInput), and the cut plan
        // carries the parse's constraints: propagating them through a few dozen CASE rules took the
        // optimizer 17 s per query that read it, against 0.8 s without (decisions.md, 40).
        conf.setIfMissing("spark.sql.constraintPropagation.enabled", "false");
        LakeCatalog.sparkConf(config).forEach(conf::set);
        LakeCatalog.sqliteFile(config).ifPresent(LakeSession::createParentDirectory);
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** SQLite creates the database file but not its directory. */
    private static void createParentDirectory(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of the catalog " + file + ": " + e.getMessage(), e);
        }
    }
}
