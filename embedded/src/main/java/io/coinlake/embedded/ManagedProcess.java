package io.coinlake.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A service of the embedded stack running as a detached child JVM: started once, found again by
 * any later CLI invocation through its pid file, and stopped gracefully. A pid file whose process
 * is gone, or whose pid now belongs to another program, counts as stopped.
 */
public final class ManagedProcess {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Path pidFile;
    private final Path logFile;
    /** A string only this service's command line contains (its config file path). */
    private final String marker;

    public ManagedProcess(String name, Path runDirectory, Path logFile, String marker) {
        this.name = name;
        this.pidFile = runDirectory.resolve(name + ".pid");
        this.logFile = logFile;
        this.marker = marker;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** The running process, if the pid file names a live process that is this service. */
    public Optional<ProcessHandle> running() {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> commandLine(handle).contains(marker));
    }

    /**
     * The full command line. ProcessHandle.Info cuts it at 4096 characters, shorter than a JVM's
     * classpath, so on Linux read /proc directly.
     */
    private static String commandLine(ProcessHandle handle) {
        Path proc = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException e) {
            // The process ended meanwhile, or /proc is not there: fall back below.
        }
        return handle.info().commandLine().orElse("");
    }

    /**
     * Starts {@code command} detached from this JVM and the terminal, output appended to the log
     * file. {@code environment} is added to the inherited one: the way to hand a secret to a child
     * without putting it on its command line, where any user's 'ps' would show it.
     */
    public ProcessHandle start(List<String> command, Map<String, String> environment) throws IOException {
        Files.createDirectories(pidFile.getParent());
        Files.createDirectories(logFile.getParent());
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // Own session: a Ctrl-C in the terminal that ran 'up' must not reach the service later.
            full.add(SETSID.toString());
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
        return process.toHandle();
    }

    /** Runs a short command to completion (e.g. formatting storage); fails with the log's tail. */
    public void runToCompletion(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(name + ": '" + command.get(command.size() - 1) + "' did not finish within "
                    + timeout.toSeconds() + " s. " + logHint());
        }
        if (process.exitValue() != 0) {
            throw new IOException(name + " set-up failed with exit code " + process.exitValue() + ". " + logHint());
        }
    }

    /** Asks the process to stop (SIGTERM), waits, then kills it. Returns false if it was not running. */
    public boolean stop(Duration grace) throws InterruptedException {
        Optional<ProcessHandle> handle = running();
        if (handle.isEmpty()) {
            deletePidFile();
            return false;
        }
        ProcessHandle process = handle.get();
        process.destroy();
        long deadline = System.nanoTime() + grace.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            while (process.isAlive()) {
                Thread.sleep(50);
            }
        }
        deletePidFile();
        return true;
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // A stale pid file is harmless: running() checks the process behind it.
        }
    }

    /** The last lines of the log, for error messages. */
    public String logHint() {
        StringBuilder hint = new StringBuilder("See " + logFile + ".");
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 12), lines.size());
            if (!tail.isEmpty()) {
                hint.append(" Last lines:\n  ").append(String.join("\n  ", tail));
            }
        } catch (IOException e) {
            // No log yet: the path alone is the hint.
        }
        return hint.toString();
    }
}
