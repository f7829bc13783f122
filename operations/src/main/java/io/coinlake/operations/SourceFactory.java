package io.coinlake.operations;

import io.coinlake.coincap.CoinCapClient;
import io.coinlake.coincap.RetryPolicy;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Secret;
import io.coinlake.config.Settings;
import io.coinlake.config.Settings.Source;
import io.coinlake.envelope.Batch;
import io.coinlake.producer.CoinCapSource;
import io.coinlake.simulator.CoinCapSimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Builds the configured CoinCap source: the real API, or the offline simulator when there is no key. */
public final class SourceFactory {
    private SourceFactory() {
    }

    /** The source and, for the simulator, the server to close after use. */
    public record OpenSource(CoinCapSource source, Optional<CoinCapSimulator> simulator) implements AutoCloseable {
        @Override
        public void close() {
            simulator.ifPresent(CoinCapSimulator::close);
        }
    }

    public static OpenSource open(CoinlakeConfig config) throws IOException {
        Secret key = config.get(Settings.COINCAP_API_KEY);
        Source source = config.get(Settings.COINCAP_SOURCE);
        RetryPolicy retry = RetryPolicy.standard(config.get(Settings.COINCAP_MAX_ATTEMPTS),
                Duration.ofSeconds(config.get(Settings.COINCAP_RETRY_BUDGET_SECONDS)));
        Duration timeout = Duration.ofSeconds(config.get(Settings.COINCAP_TIMEOUT_SECONDS));
        boolean useApi = source == Source.API || (source == Source.AUTO && !key.isEmpty());
        if (useApi) {
            if (key.isEmpty()) {
                throw new UserError("COINCAP_SOURCE=api needs COINCAP_API_KEY (CoinCap v3 requires a key)."
                        + " Set it in the environment or .env, or use COINCAP_SOURCE=auto for the offline simulator.");
            }
            CoinCapClient client = new CoinCapClient(config.get(Settings.COINCAP_BASE_URL), key, timeout, retry);
            return new OpenSource(CoinCapSource.api(Batch.SOURCE_API, client), Optional.empty());
        }
        CoinCapSimulator simulator = CoinCapSimulator.builder()
                .faults(config.get(Settings.COINCAP_SIMULATOR_FAULTS))
                .newFields(config.get(Settings.COINCAP_SIMULATOR_NEW_FIELDS))
                .start();
        CoinCapClient client = new CoinCapClient(simulator.baseUrl(), Secret.of(""), timeout, retry);
        return new OpenSource(CoinCapSource.timeTravelling(Batch.SOURCE_SIMULATED, client, simulator::setTime),
                Optional.of(simulator));
    }
}
