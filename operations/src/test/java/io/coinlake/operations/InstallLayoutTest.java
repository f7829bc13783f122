package io.coinlake.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallLayoutTest {
    @TempDir
    Path dir;

    @Test
    void aJarUnderAReleaseMarkerUsesTheReleaseLayout() throws IOException {
        Path release = Files.createDirectories(dir.resolve("coinlake-1.0"));
        Files.writeString(release.resolve(InstallLayout.RELEASE_MARKER), "version=1.0\n");
        Files.createDirectories(release.resolve("s3server/lib"));
        Files.createDirectories(release.resolve("connect/plugin"));

        InstallLayout layout = InstallLayout.locateFrom(release.resolve("lib/coinlake-cli-1.0.jar"));

        assertThat(layout.s3ServerClasspath()).isEqualTo(release.resolve("s3server/lib") + "/*");
        assertThat(layout.connectPluginPath()).isEqualTo(release.resolve("connect/plugin"));
        assertThat(layout.sparkJvmOptions()).isEqualTo(release.resolve("spark-jobs/spark-jvm.options"));
        assertThatThrownBy(layout::sparkJobsClasspath).isInstanceOf(UserError.class)
                .hasMessageContaining("spark-jobs/coinlake-spark-jobs.jar is missing")
                .hasMessageContaining("unpack coinlake-<version>.tar.gz again");
    }

    @Test
    void aJarInTheSourceTreeUsesEachModulesTargetDirectory() throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve("connect/target/plugin"));
        Files.createDirectories(dir.resolve("s3server"));

        InstallLayout layout = InstallLayout.locateFrom(dir.resolve("cli/target/coinlake-cli-1.0.jar"));

        assertThat(layout.connectPluginPath()).isEqualTo(dir.resolve("connect/target/plugin"));
        assertThatThrownBy(layout::restCatalogClasspath).isInstanceOf(UserError.class)
                .hasMessageContaining("restcatalog/target/lib is missing").hasMessageContaining("./coinlake builds");
    }

    @Test
    void aJarInNeitherSaysHowToRunTheCli() {
        assertThatThrownBy(() -> InstallLayout.locateFrom(dir.resolve("lib/coinlake-cli-1.0.jar")))
                .isInstanceOf(UserError.class).hasMessageContaining("bin/coinlake (a release)");
    }
}
