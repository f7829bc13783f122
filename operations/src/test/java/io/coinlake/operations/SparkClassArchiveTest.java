package io.coinlake.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkClassArchiveTest {
    @TempDir
    Path dir;

    private String classpath() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("a.jar"), "a");
        Files.writeString(lib.resolve("notes.txt"), "not a jar");
        Files.writeString(dir.resolve("jobs.jar"), "jobs");
        return dir.resolve("jobs.jar") + ":" + lib + "/*";
    }

    @Test
    void theFirstJobMakesTheArchiveAndLaterJobsUseIt() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        SparkClassArchive archive = SparkClassArchive.of(cache, classpath());

        assertThat(archive.exists()).isFalse();
        String making = archive.jvmFlags().get(0);
        assertThat(making).startsWith("-XX:ArchiveClassesAtExit=" + archive.path() + ".partial-");
        // What the JVM writes at its exit, then the job's end.
        Files.writeString(Path.of(making.substring(making.indexOf('=') + 1)), "classes");
        archive.finish(true);

        assertThat(archive.exists()).isTrue();
        assertThat(archive.jvmFlags()).containsExactly("-XX:SharedArchiveFile=" + archive.path(), "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off");
        try (var files = Files.list(cache)) {
            assertThat(files).containsExactly(archive.path());
        }
    }

    @Test
    void aFailedJobLeavesNoArchive() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        SparkClassArchive archive = SparkClassArchive.of(cache, classpath());
        String making = archive.jvmFlags().get(0);
        Files.writeString(Path.of(making.substring(making.indexOf('=') + 1)), "half");

        archive.finish(false);

        assertThat(archive.exists()).isFalse();
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRebuiltJarGetsANewArchive() throws Exception {
        String classpath = classpath();
        Path first = SparkClassArchive.of(dir, classpath).path();
        Path jar = dir.resolve("lib/a.jar");

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        Path rebuilt = SparkClassArchive.of(dir, classpath).path();
        Files.writeString(dir.resolve("lib/notes.txt"), "only jars count");

        assertThat(rebuilt).isNotEqualTo(first);
        assertThat(SparkClassArchive.of(dir, classpath).path()).isEqualTo(rebuilt);
    }

    @Test
    void keepingANewArchiveDeletesTheLeastRecentlyUsedOfOtherBuilds() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Instant now = Instant.now();
        List<Path> others = new ArrayList<>();
        for (int age = 1; age <= 4; age++) {
            Path other = cache.resolve("spark-classes-old" + age + ".jsa");
            Files.writeString(other, "classes of another build");
            Files.setLastModifiedTime(other, FileTime.from(now.minusSeconds(3600L * age)));
            others.add(other);
        }
        Path deadWriter = Files.writeString(cache.resolve("spark-classes-old9.jsa.partial-999999999"), "half");
        Path unrelated = Files.writeString(cache.resolve("notes.txt"), "not an archive");
        SparkClassArchive archive = SparkClassArchive.of(cache, classpath());
        String making = archive.jvmFlags().get(0);
        Files.writeString(Path.of(making.substring(making.indexOf('=') + 1)), "classes");

        archive.finish(true);

        try (var files = Files.list(cache)) {
            assertThat(files).containsExactlyInAnyOrder(archive.path(), others.get(0), others.get(1), unrelated);
        }
        assertThat(deadWriter).doesNotExist();
    }

    @Test
    void usingAnArchiveMarksItRecentlyUsed() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        SparkClassArchive archive = SparkClassArchive.of(cache, classpath());
        Files.writeString(archive.path(), "classes");
        Files.setLastModifiedTime(archive.path(), FileTime.from(Instant.now().minusSeconds(86_400)));

        archive.jvmFlags();

        assertThat(Files.getLastModifiedTime(archive.path()).toInstant()).isAfter(Instant.now().minusSeconds(60));
    }
}
