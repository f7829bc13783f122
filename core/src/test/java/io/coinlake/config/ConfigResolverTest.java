package io.coinlake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {
    private static CoinlakeConfig resolve(Map<String, String> flags, Map<String, String> env, Map<String, String> file) {
        return ConfigResolver.resolve(List.of(ConfigLayer.flags(flags), ConfigLayer.environment(env),
                ConfigLayer.file(".env", file)));
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() {
        Map<String, String> file = Map.of("COINLAKE_ASSET_COUNT", "30", "COINLAKE_RAW_TOPIC", "from.file",
                "COINLAKE_RAW_TOPIC_PARTITIONS", "6");
        Map<String, String> env = Map.of("COINLAKE_ASSET_COUNT", "40", "COINLAKE_RAW_TOPIC", "from.env");
        Map<String, String> flags = Map.of("COINLAKE_ASSET_COUNT", "50");

        CoinlakeConfig config = resolve(flags, env, file);

        assertThat(config.get(Settings.COINLAKE_ASSET_COUNT)).isEqualTo(50);
        assertThat(config.origin(Settings.COINLAKE_ASSET_COUNT)).isEqualTo("command-line flag");
        assertThat(config.rawTopic()).isEqualTo("from.env");
        assertThat(config.origin(Settings.COINLAKE_RAW_TOPIC)).isEqualTo("environment");
        assertThat(config.get(Settings.COINLAKE_RAW_TOPIC_PARTITIONS)).isEqualTo(6);
        assertThat(config.origin(Settings.COINLAKE_RAW_TOPIC_PARTITIONS)).isEqualTo("file .env");
        assertThat(config.get(Settings.COINCAP_BASE_URL)).isEqualTo("https://rest.coincap.io/v3");
        assertThat(config.origin(Settings.COINCAP_BASE_URL)).isEqualTo("default");
    }

    @Test
    void defaultsGiveTheEmbeddedStack() {
        CoinlakeConfig config = CoinlakeConfig.of(Map.of());

        assertThat(config.usesEmbeddedKafka()).isTrue();
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(config.get(Settings.COINLAKE_ASSET_COUNT)).isEqualTo(20);
        assertThat(config.home()).isEqualTo(Path.of(".coinlake").toAbsolutePath().normalize());
        assertThat(config.get(Settings.COINCAP_API_KEY).isEmpty()).isTrue();
    }

    @Test
    void externalBootstrapServersReplaceTheEmbeddedBroker() {
        CoinlakeConfig config = CoinlakeConfig.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,kafka2:9092"));

        assertThat(config.usesEmbeddedKafka()).isFalse();
        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092,kafka2:9092");
    }

    @Test
    void invalidValueNamesTheSettingTheOriginAndTheRule() {
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("COINLAKE_ASSET_COUNT", "5000"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("COINLAKE_ASSET_COUNT='5000'")
                .hasMessageContaining("environment")
                .hasMessageContaining("between 1 and 2000");
        assertThatThrownBy(() -> CoinlakeConfig.of(Map.of("COINLAKE_RAW_TOPIC", "bad topic!")))
                .hasMessageContaining("COINLAKE_RAW_TOPIC");
        assertThatThrownBy(() -> CoinlakeConfig.of(Map.of("COINCAP_BASE_URL", "ftp://x")))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> CoinlakeConfig.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost")))
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> CoinlakeConfig.of(Map.of("COINCAP_SOURCE", "cloud")))
                .hasMessageContaining("auto, api, simulator");
    }

    @Test
    void unknownFlagIsAnErrorWithASuggestion() {
        assertThatThrownBy(() -> CoinlakeConfig.of(Map.of("COINLAKE_ASSETS_COUNT", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown setting COINLAKE_ASSETS_COUNT")
                .hasMessageContaining("Did you mean COINLAKE_ASSET_COUNT?");
    }

    @Test
    void fileMayHoldOtherToolsVariablesButNotMisspeltOnesOfOurs() {
        CoinlakeConfig config = resolve(Map.of(), Map.of(), Map.of("POSTGRES_PASSWORD", "x", "COINLAKE_ASSET_COUNT", "7"));
        assertThat(config.get(Settings.COINLAKE_ASSET_COUNT)).isEqualTo(7);

        assertThatThrownBy(() -> resolve(Map.of(), Map.of(), Map.of("COINCAP_APIKEY", "x")))
                .hasMessageContaining("Unknown setting COINCAP_APIKEY")
                .hasMessageContaining("COINCAP_API_KEY");
    }

    @Test
    void apiKeyIsRedactedInRowsToStringAndErrors() {
        String key = "sk-live-0123456789abcdef";
        CoinlakeConfig config = CoinlakeConfig.of(Map.of("COINCAP_API_KEY", key));

        assertThat(config.get(Settings.COINCAP_API_KEY).reveal()).isEqualTo(key);
        assertThat(config.rows()).filteredOn(row -> row.name().equals("COINCAP_API_KEY"))
                .singleElement().satisfies(row -> assertThat(row.value()).isEqualTo(Secret.REDACTED));
        assertThat(config.rows().toString()).doesNotContain(key);
        assertThat(config.toString()).doesNotContain(key);
        assertThat(String.valueOf(config.get(Settings.COINCAP_API_KEY))).doesNotContain(key);
    }

    @Test
    void configFileIsReadFromTheFlagAndMustExistWhenNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("coinlake.env");
        Files.writeString(file, "# comment\nexport COINLAKE_ASSET_COUNT=\"12\"\nKAFKA_BOOTSTRAP_SERVERS='broker:9092'\n");

        CoinlakeConfig config = ConfigResolver.resolve(Map.of("COINLAKE_CONFIG_FILE", file.toString()), Map.of());

        assertThat(config.get(Settings.COINLAKE_ASSET_COUNT)).isEqualTo(12);
        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.origin(Settings.COINLAKE_ASSET_COUNT)).isEqualTo("file " + file);

        assertThatThrownBy(() -> ConfigResolver.resolve(Map.of(), Map.of("COINLAKE_CONFIG_FILE", dir.resolve("none").toString())))
                .hasMessageContaining("does not exist");
    }

    @Test
    void malformedFileLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> DotEnvFile.parse(List.of("A=1", "just words"), "x.env"))
                .hasMessage("x.env line 2: expected NAME=value");
    }

    @Test
    void everySettingHasDocumentationAndAParsableDefault() {
        for (Setting<?> setting : Settings.ALL) {
            assertThat(setting.doc()).as(setting.name()).isNotBlank();
            assertThat(setting.defaultValue()).as(setting.name()).isNotNull();
        }
    }
}
