package io.coinlake.operations;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Launcher;
import io.coinlake.config.Settings;
import io.coinlake.embedded.EmbeddedRestCatalog;
import io.coinlake.embedded.EmbeddedS3;
import io.coinlake.process.GoSignal;
import io.coinlake.process.ParentWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a Spark job (silver, sql) in its own JVM, as spark-submit would run the same main class on
 * a cluster: Spark brings its own Jackson and needs JVM flags the CLI does not. Settings travel in
 * the child's environment; its output is the user's, and Spark's logs go to a file.
 */
public final class SparkJob {
    public static final String MAIN_CLASS = "io.coinlake.spark.SparkJobs";
    /** The jobs' exit code for "ran, but an error-level check failed": the JVM ran to its end all the same. */
    public static final int CHECKS_FAILED = 2;

    private SparkJob() {
    }

    /**
     * Up to this many dates, a job is over before HotSpot's optimising compiler pays off, and the
     * JVM runs faster with the quick one alone (C1): a one-day pipeline took 17–19 s instead of
     * 24–25 s. A longer job runs faster with both (a year's range: 63 s against 68 s with C1 only).
     */
    public static final int SHORT_JOB_DAYS = 31;

    /** The days of a job that is not over a range of dates (sql, maintain, a catalog check). */
    public static final int NOT_DATED = 0;

    /**
     * Spark's code generation (Janino compiling each query's plan to Java classes) costs a few
     * seconds per job and pays back only over many rows: up to {@link #SHORT_JOB_DAYS} dates of
     * data, the interpreted plans are faster (one day's pipeline 19–21 s against 26–28 s, a month's
     * 26 s against 30–32 s; docs/decisions.md, 38).
     */
    public static final List<String> FEW_ROWS_FLAGS = List.of("-Dspark.sql.codegen.wholeStage=false",
            "-Dspark.sql.codegen.factoryMode=NO_CODEGEN");

    /** Runs a job that is not over a range of dates. */
    public static int run(CoinlakeConfig config, List<String> arguments) throws IOException, InterruptedException {
        return run(config, arguments, NOT_DATED);
    }

    /**
     * Runs the job to its end and returns its exit code (0 done, 2 checks failed, else could not run).
     *
     * @param days how many dates of data the job reads, or {@link #NOT_DATED}
     */
    public static int run(CoinlakeConfig config, List<String> arguments, int days) throws IOException, InterruptedException {
        return run(config, MAIN_CLASS, arguments, days);
    }

    /** Runs {@code mainClass} (the jobs, or SparkSubmit with its own arguments) as above. */
    public static int run(CoinlakeConfig config, String mainClass, List<String> arguments, int days) throws IOException, InterruptedException {
        return start(config, mainClass, arguments, days, false).await();
    }

    /**
     * Starts a dated job that makes its SparkSession and then waits for {@link Started#go()} before
     * it touches the lake, so that the JVM's start-up overlaps the caller's own work (producing the
     * job's bronze). The caller must end it with {@code go()} or {@code callOff()}, then {@code await()}.
     */
    public static Started startAwaitingGo(CoinlakeConfig config, List<String> arguments, int days) throws IOException {
        List<String> awaiting = new ArrayList<>(arguments);
        awaiting.add("--await-go");
        return start(config, MAIN_CLASS, awaiting, days, true);
    }

    private static Started start(CoinlakeConfig config, String mainClass, List<String> arguments, int days, boolean awaitsGo)
            throws IOException {
        requireServices(config);
        InstallLayout layout = InstallLayout.locate();
        Path log = config.home().resolve("logs").resolve("spark.log");
        Files.createDirectories(log.getParent());
        String classpath = layout.sparkJobsClasspath();
        Path cache = config.get(Settings.COINLAKE_CACHE_DIR);
        Files.createDirectories(cache);
        SparkClassArchive archive = SparkClassArchive.of(cache, classpath);
        if (!archive.exists()) {
            System.out.println("[spark] first Spark job of this build: it also saves the classes it loads to " + archive.path()
                    + ", so that later jobs start faster (once, about 20 s more at its end; COINLAKE_CACHE_DIR)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + layout.sparkJvmOptions()));
        command.addAll(archive.jvmFlags());
        if (days <= SHORT_JOB_DAYS) {
            command.add("-XX:TieredStopAtLevel=1");
            if (days != NOT_DATED) {
                command.addAll(FEW_ROWS_FLAGS);
            }
        }
        command.addAll(List.of(
                "-Xmx" + config.get(Settings.SPARK_DRIVER_MEMORY),
                "-Dlog4j2.configurationFile=classpath:coinlake-spark-log4j2.properties",
                "-Dcoinlake.spark.log=" + log,
                "-D" + Launcher.PROPERTY + "=" + Launcher.COMMAND,
                "-cp", classpath,
                mainClass));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(awaitsGo ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(config.childEnvironment());
        // Spark otherwise binds to the first non-loopback address and warns about the host name.
        builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().putAll(ParentWatch.environmentOfChild());
        return new Started(builder.start(), archive);
    }

    /** A job's JVM, running. */
    public static final class Started {
        private final Process process;
        private final SparkClassArchive archive;
        private final Thread stopJob;
        private final Thread out;
        private final Thread err;

        private Started(Process process, SparkClassArchive archive) {
            this.process = process;
            this.archive = archive;
            // A CLI stopped with SIGTERM or Ctrl-C stops its job; when one is killed outright, its job notices (ParentWatch).
            stopJob = new Thread(process::destroy, "stop-spark-job");
            Runtime.getRuntime().addShutdownHook(stopJob);
            // Copied through System.out and System.err rather than inherited, so whoever runs the CLI
            // in-process (its tests) sees the job's output too.
            out = copy(process.getInputStream(), System.out);
            err = copy(process.getErrorStream(), System.err);
        }

        /** Lets a job started by {@link #startAwaitingGo} read and write the lake. */
        public void go() {
            try {
                tell(GoSignal.GO);
            } catch (IOException ended) {
                // The job ended before it was told to go (Spark could not start): await() returns its exit code.
            }
        }

        /** Ends a job started by {@link #startAwaitingGo} before it touches the lake, and waits for its JVM to end. */
        public void callOff() throws InterruptedException {
            try {
                tell("off");
            } catch (IOException alreadyGone) {
                // The job has ended on its own: nothing to call off.
            }
            await();
        }

        private void tell(String line) throws IOException {
            try (Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                stdin.write(line + "\n");
            }
        }

        /** Waits for the job's end and returns its exit code (0 done, 2 checks failed, 4 called off, else could not run). */
        public int await() throws InterruptedException {
            try {
                int exitCode = process.waitFor();
                out.join();
                err.join();
                archive.finish(exitCode == 0 || exitCode == CHECKS_FAILED);
                return exitCode;
            } catch (InterruptedException e) {
                process.destroy();
                archive.finish(false);
                throw e;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopJob);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or about to: it stops the job.
                }
            }
        }
    }

    private static Thread copy(InputStream from, PrintStream to) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    to.println(line);
                }
            } catch (IOException e) {
                to.println("coinlake: lost the Spark job's output: " + e.getMessage());
            }
        }, "spark-job-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Whether a job can start now: one against the embedded S3 server needs it running, and so
     * does one against the embedded REST catalog server.
     */
    public static boolean storeIsUp(CoinlakeConfig config) {
        return missingService(config) == null;
    }

    /** The embedded service a job needs that does not answer, or null. */
    static String missingService(CoinlakeConfig config) {
        if (config.usesEmbeddedS3() && !EmbeddedS3.isServing(config.s3Endpoint())) {
            return "S3 server is not running at " + config.s3Endpoint();
        }
        if (config.usesEmbeddedRestCatalog() && !EmbeddedRestCatalog.isServing(config.restCatalogUrl())) {
            return "REST catalog server (COINLAKE_CATALOG_TYPE=rest) is not running at " + config.restCatalogUrl();
        }
        return null;
    }

    /** Says that the store or the catalog is down before Spark spends seconds starting. */
    private static void requireServices(CoinlakeConfig config) {
        String missing = missingService(config);
        if (missing != null) {
            throw new UserError("The embedded " + missing
                    + ". Start the stack with '" + Launcher.COMMAND + " up' (or run the whole pipeline with '" + Launcher.COMMAND + " run').");
        }
    }
}
