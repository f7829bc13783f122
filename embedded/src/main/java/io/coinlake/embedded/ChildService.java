package io.coinlake.embedded;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the embedded services share: start once (a second start only waits for readiness), find
 * the running process again from any later command, answer "ready" by a real request, stop
 * gracefully. Subclasses say how to prepare, what to run and what "ready" means.
 */
abstract class ChildService {
    private static final Duration NOTE_EVERY = Duration.ofSeconds(5);

    protected final ManagedProcess process;
    private final String displayName;

    /**
     * @param displayName as in messages, e.g. "Kafka broker"
     * @param marker      a string only this service's command line holds (its config file path)
     */
    ChildService(Path home, String name, String displayName, String marker) {
        this.process = new ManagedProcess(name, home.resolve("run"), home.resolve("logs").resolve(name + ".log"), marker);
        this.displayName = displayName;
    }

    public Optional<ProcessHandle> running() {
        return process.running();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** Starts the service unless it runs, and waits until it is ready. Returns false if it already ran. */
    public final boolean start(Duration timeout, Consumer<String> progress) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = process.running();
        if (running.isPresent()) {
            awaitReady(running.get(), timeout, progress);
            return false;
        }
        checkPortsFree();
        prepare(progress);
        progress.accept("starting " + displayName + " on " + address() + ", log: " + process.logFile());
        // Watch the new handle itself: right after the start its command line may still be the
        // JDK's spawn helper, which running() would not recognise.
        awaitReady(process.start(command(), environment()), timeout, progress);
        return true;
    }

    public boolean stop() throws InterruptedException {
        return process.stop(stopGrace());
    }

    /** Kills the service (SIGKILL) without a chance to flush, commit or clean up, as a crash would. For fault tests. */
    public void kill() throws InterruptedException {
        ProcessHandle service = process.running().orElse(null);
        if (service != null) {
            service.destroyForcibly();
            while (service.isAlive()) {
                Thread.sleep(50);
            }
        }
    }

    /** Where clients reach the service. */
    public abstract String address();

    /** Throws when another program holds a port the service needs. */
    protected abstract void checkPortsFree() throws IOException;

    /** Writes configuration and does one-time set-up before the process starts. */
    protected abstract void prepare(Consumer<String> progress) throws IOException, InterruptedException;

    protected abstract List<String> command() throws IOException;

    /** Variables added to the child's environment (secrets travel here, never in arguments). */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /** True once the service serves requests, not merely once its port is open. */
    protected abstract boolean ready() throws InterruptedException;

    protected Duration stopGrace() {
        return Duration.ofSeconds(30);
    }

    protected final IOException portTaken(int port, String setting) {
        return new IOException("Port " + port + " on 127.0.0.1 is used by another program, so the embedded " + displayName
                + " cannot start. Stop that program or set " + setting + " to a free port.");
    }

    /**
     * A Log4j 2 configuration for a Kafka JVM: output to the service's log, Kafka's chatter at
     * WARN, and INFO for the loggers named (the ones that tell what the service is doing).
     */
    protected static void writeLog4j(Path file, String... infoLoggers) throws IOException {
        StringBuilder text = new StringBuilder(String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.out.ref = out",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = warn",
                ""));
        for (int i = 0; i < infoLoggers.length; i++) {
            text.append("logger.l").append(i).append(".name = ").append(infoLoggers[i]).append('\n')
                    .append("logger.l").append(i).append(".level = info\n");
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    /** Whether a program listens on the port of 127.0.0.1. */
    protected static boolean portInUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The status a GET of {@code url} is answered with; 0 when nothing answers in time. */
    protected static int httpStatus(String url, Duration readTimeout) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout((int) readTimeout.toMillis());
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return 0;
        }
    }

    /** Writes a configuration file that holds a secret: readable by its owner only. */
    protected static void writePrivately(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing more to do.
        }
    }

    /** {@code java <jvm options> -cp <classpath> <main> <args>} with this JVM's java. */
    protected static List<String> java(List<String> jvmOptions, String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.net.preferIPv4Stack=true");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private void awaitReady(ProcessHandle service, Duration timeout, Consumer<String> progress)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextNote = System.nanoTime() + NOTE_EVERY.toNanos();
        while (!ready()) {
            if (!service.isAlive()) {
                throw new IOException("The " + displayName + " exited while starting. " + process.logHint());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("The " + displayName + " was not ready on " + address() + " within "
                        + timeout.toSeconds() + " s. " + process.logHint());
            }
            if (System.nanoTime() > nextNote) {
                progress.accept("waiting for the " + displayName + " to be ready...");
                nextNote = System.nanoTime() + NOTE_EVERY.toNanos();
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }
}
