package io.coinlake.producer;

import io.coinlake.coincap.CoinCapClient;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where snapshots come from: a client, the label every envelope carries, and for the simulator a
 * way to set its clock, so that it can answer for any past date as CoinCap would have.
 */
public record CoinCapSource(String label, CoinCapClient client, Optional<Consumer<Instant>> timeTravel) {
    public static CoinCapSource api(String label, CoinCapClient client) {
        return new CoinCapSource(label, client, Optional.empty());
    }

    public static CoinCapSource timeTravelling(String label, CoinCapClient client, Consumer<Instant> setTime) {
        return new CoinCapSource(label, client, Optional.of(setTime));
    }
}
