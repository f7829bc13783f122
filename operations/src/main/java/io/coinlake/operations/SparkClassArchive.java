package io.coinlake.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A class-data sharing archive of the Spark job JVM (JDK's AppCDS): the first job saves the classes
 * it loaded, already parsed and verified, and later jobs map them instead of loading them from
 * the class path's 250 jars again. Measured on the one-day pipeline: 42–47 s without, 24–25 s with
 * it, 17–19 s with it and C1 only (docs/decisions.md, 32). The archive is named by a digest of
 * the JVM and every jar on the class path, so a rebuild or another JDK makes a new one instead of
 * being refused.
 */
public final class SparkClassArchive {
    /**
     * Archives kept in the cache: each build makes one of about 220 MB, and the cache is shared by
     * every checkout and data home, so the least recently used beyond these are deleted.
     */
    public static final int KEPT = 3;
    private static final String PREFIX = "spark-classes-";

    private final Path archive;

    private SparkClassArchive(Path archive) {
        this.archive = archive;
    }

    /**
     * @param cacheDirectory {@code COINLAKE_CACHE_DIR}: shared by every data home, since the archive
     *                       depends only on the JDK and the jars
     * @param classpath      the job's class path, with directory wildcards ({@code dir/*}) as java takes them
     */
    public static SparkClassArchive of(Path cacheDirectory, String classpath) {
        return new SparkClassArchive(cacheDirectory.resolve(PREFIX + digest(classpath) + ".jsa"));
    }

    public boolean exists() {
        return Files.isRegularFile(archive);
    }

    public Path path() {
        return archive;
    }

    /**
     * The JVM flags that use the archive, or that make one at the JVM's exit. CDS's own messages are
     * off: a dump warns about each class it cannot keep (some thousands), which is not the user's concern.
     */
    public List<String> jvmFlags() {
        String use;
        if (exists()) {
            markUsed();
            use = "-XX:SharedArchiveFile=" + archive;
        } else {
            use = "-XX:ArchiveClassesAtExit=" + partial();
        }
        return List.of(use, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** The archive's modification time is its last use, which decides what {@link #pruneOthers} keeps. */
    private void markUsed() {
        try {
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // Only the pruning order depends on it.
        }
    }

    /** After a job that was making the archive: keep it if the job ran to its end, else drop it. */
    public void finish(boolean jobSucceeded) {
        Path partial = partial();
        try {
            if (jobSucceeded && Files.isRegularFile(partial)) {
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                pruneOthers();
            } else {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the Spark class archive " + archive + ": " + e.getMessage()
                    + ". Delete " + archive.getParent() + " and run the job again.", e);
        }
    }

    /**
     * Deletes the archives of other builds beyond the {@link #KEPT} most recently used, and partial
     * ones whose JVM has gone (killed while it wrote).
     */
    private void pruneOthers() throws IOException {
        List<Path> others;
        try (Stream<Path> files = Files.list(archive.getParent())) {
            others = files.filter(file -> file.getFileName().toString().startsWith(PREFIX) && !file.equals(archive)).toList();
        }
        List<Path> whole = new ArrayList<>();
        for (Path file : others) {
            String name = file.getFileName().toString();
            if (name.endsWith(".jsa")) {
                whole.add(file);
            } else if (name.contains(".partial-") && ProcessHandle.of(processId(name)).isEmpty()) {
                Files.deleteIfExists(file);
            }
        }
        whole.sort(Comparator.comparing(SparkClassArchive::lastUse).reversed());
        for (Path stale : whole.subList(Math.min(KEPT - 1, whole.size()), whole.size())) {
            Files.deleteIfExists(stale);
        }
    }

    private static long processId(String partialName) {
        String digits = partialName.substring(partialName.lastIndexOf('-') + 1);
        return digits.matches("\\d{1,18}") ? Long.parseLong(digits) : -1;
    }

    private static FileTime lastUse(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    private Path partial() {
        return archive.resolveSibling(archive.getFileName() + ".partial-" + ProcessHandle.current().pid());
    }

    private static String digest(String classpath) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version")).getBytes(StandardCharsets.UTF_8));
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                for (Path jar : jars(entry)) {
                    sha.update((jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Spark job's class path: " + e.getMessage(), e);
        }
    }

    private static List<Path> jars(String entry) throws IOException {
        if (!entry.endsWith("*")) {
            return List.of(Path.of(entry));
        }
        try (Stream<Path> files = Files.list(Path.of(entry.substring(0, entry.length() - 1)))) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
