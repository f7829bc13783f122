package io.coinlake.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The docker-compose worker and the embedded one share their settings; only the addresses differ. */
class ConnectWorkerSettingsTest {
    /** What each worker sets for itself: where it listens, where the broker and its plugins are. */
    private static final Set<String> ADDRESSES = Set.of("bootstrap.servers", "listeners",
            "rest.advertised.host.name", "rest.advertised.port", "plugin.path");

    @Test
    void theComposeWorkerSetsExactlyTheSharedSettingsPlusItsAddresses() throws IOException {
        Map<String, String> shared = parse(EmbeddedConnect.sharedSettings());
        Map<String, String> compose = parse(Files.readString(Path.of("../docker/connect/worker.properties")));

        assertThat(shared).isNotEmpty().doesNotContainKeys(ADDRESSES.toArray(String[]::new));
        Map<String, String> composeShared = new HashMap<>(compose);
        composeShared.keySet().removeAll(ADDRESSES);
        assertThat(composeShared).isEqualTo(shared);
        assertThat(compose).containsKeys(ADDRESSES.toArray(String[]::new));
    }

    private static Map<String, String> parse(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
