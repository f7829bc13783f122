package io.coinlake.envelope;

import java.util.Locale;

/** Which CoinCap endpoint a record's raw object comes from, and so which fields it has. */
public enum SnapshotKind {
    /** An object of /assets: rank, supply, prices, volume, market cap. */
    LIVE,
    /** A point of /assets/{id}/history: priceUsd, circulatingSupply, time, date. */
    HISTORY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SnapshotKind fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
