package io.coinlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.bronze.BronzeObjectKey;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.operations.BronzeConnector;
import io.coinlake.operations.InstallLayout;
import io.coinlake.operations.SparkJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {
    @Test
    void configRedactsTheKeyAndShowsWhereValuesCameFrom() {
        CliRun run = CliRun.of("config", "--set", "COINCAP_API_KEY=very-secret-key-42", "--set", "COINLAKE_ASSET_COUNT=50");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("very-secret-key-42")
                .containsPattern("COINCAP_API_KEY\\s+= \\*{8}\\s+\\(command-line flag\\)")
                .containsPattern("COINLAKE_ASSET_COUNT\\s+= 50\\s+\\(command-line flag\\)")
                .containsPattern("COINLAKE_RAW_TOPIC\\s+= coincap.assets.raw\\s+\\(default\\)");
        assertThat(run.err()).doesNotContain("very-secret-key-42");
    }

    @Test
    void configDocsDescribeEverySetting() {
        CliRun run = CliRun.of("config", "--docs");

        assertThat(run.out()).contains("COINCAP_API_KEY", "KAFKA_BOOTSTRAP_SERVERS", "default: ./.coinlake");
    }

    @Test
    void configGetPrintsOneEffectiveValueForScriptsButNeverASecret() {
        CliRun home = CliRun.of("config", "--get", "COINLAKE_HOME", "--set", "COINLAKE_HOME=some/home");
        CliRun port = CliRun.of("config", "--get", "COINLAKE_REST_CATALOG_PORT");
        CliRun secret = CliRun.of("config", "--get", "S3_SECRET_KEY", "--set", "S3_SECRET_KEY=do-not-print-me");

        assertThat(home.out()).isEqualTo(Path.of("some/home").toAbsolutePath().normalize() + System.lineSeparator());
        assertThat(port.out().strip()).isEqualTo(Settings.COINLAKE_REST_CATALOG_PORT.defaultText());
        assertThat(secret.exitCode()).isNotZero();
        assertThat(secret.out() + secret.err()).doesNotContain("do-not-print-me").contains("is a secret");
    }

    @Test
    void badSettingFailsWithOneLineAndNonZeroExit() {
        CliRun run = CliRun.of("config", "--set", "COINLAKE_ASSET_COUNT=0");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).startsWith("coinlake: COINLAKE_ASSET_COUNT='0' (from command-line flag) must be between 1 and 2000")
                .doesNotContain("\tat ");
    }

    @Test
    void badDateSaysTheExpectedForm() {
        CliRun run = CliRun.of("produce", "--date", "01/11/2026");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("use YYYY-MM-DD");
    }

    @Test
    void everyDatedCommandRefusesARangeThatEndsBeforeItStarts() {
        for (String command : List.of("produce", "run", "silver", "gold")) {
            CliRun run = CliRun.of(command, "--date", "2026-11-07", "--to", "2026-11-01");

            assertThat(run.exitCode()).as(command).isNotZero();
            assertThat(run.err().strip()).as(command).isEqualTo("coinlake: --to 2026-11-01 is before 2026-11-07, the first date.");
        }
        assertThat(CliRun.of("bronze", "wait", "--date", "2026-11-07", "--to", "2026-11-01").err())
                .contains("is before 2026-11-07");
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine root = new CommandLine(new Main());
        for (String name : root.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CliRun run = CliRun.of(name, "--help");
            assertThat(run.exitCode()).as(name).isZero();
            assertThat(run.out()).as(name).contains("Usage: coinlake " + name);
        }
    }

    @Test
    void everyKafkaToolNamesAMainClassOnTheClasspath() throws Exception {
        for (String mainClass : KafkaCommand.TOOLS.values()) {
            assertThat(Class.forName(mainClass).getMethod("main", String[].class)).as(mainClass).isNotNull();
        }
    }

    @Test
    void kafkaToolsGetTheConfiguredBootstrapServerUnlessGiven() {
        assertThat(KafkaCommand.withBootstrap(List.of("--topic", "t"), "h:1"))
                .containsExactly("--bootstrap-server", "h:1", "--topic", "t");
        assertThat(KafkaCommand.withBootstrap(List.of("--bootstrap-server", "x:2", "--list"), "h:1"))
                .containsExactly("--bootstrap-server", "x:2", "--list");
        assertThat(KafkaCommand.normalise("kafka-console-consumer.sh")).isEqualTo("console-consumer");
        assertThat(KafkaCommand.readCommittedUnlessTold(List.of("--topic", "t")))
                .containsExactly("--topic", "t", "--isolation-level", "read_committed");
        assertThat(KafkaCommand.readCommittedUnlessTold(List.of("--topic", "t", "--isolation-level", "read_uncommitted")))
                .as("the user's choice wins").containsExactly("--topic", "t", "--isolation-level", "read_uncommitted");
        assertThat(KafkaCommand.readCommittedUnlessTold(List.of("--consumer-property", "isolation.level=read_uncommitted")))
                .hasSize(2);

        CliRun run = CliRun.of("kafka", "mirror-maker");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Unknown Kafka tool 'mirror-maker'");
    }

    /** The Spark job reads bronze under BronzeObjectKey.PREFIX; the sink must write there. */
    @Test
    void theSinkConfigWritesBronzeWhereTheSparkJobsReadIt() throws Exception {
        Map<String, String> sink = BronzeConnector.config(InstallLayout.locate().connectorConfig(), CoinlakeConfig.of(Map.of()));

        assertThat(sink).containsEntry("s3.prefix", BronzeObjectKey.PREFIX);
    }

    @Test
    void theSparkJobsMainClassIsTheOneTheLauncherStarts() throws Exception {
        String classpath = InstallLayout.locate().sparkJobsClasspath();
        Path jar = Path.of(classpath.substring(0, classpath.indexOf(':')));
        try (JarFile jobs = new JarFile(jar.toFile())) {
            assertThat(jobs.getEntry(SparkJob.MAIN_CLASS.replace('.', '/') + ".class")).isNotNull();
        }
        assertThat(InstallLayout.locate().sparkJvmOptions()).exists();
    }
}
