package io.coinlake.faults;

import java.util.Locale;

/** A failure the CoinCap simulator can inject, so each client error path is tested against a real HTTP server. */
public enum Fault {
    /** 429 with Retry-After: the per-minute limit; retried. */
    RATE_LIMIT,
    /** 429 whose body says the monthly credits are spent; fails at once. */
    QUOTA_EXHAUSTED,
    /** 500; retried. */
    SERVER_ERROR,
    /** The response waits longer than the client's timeout; retried. */
    SLOW,
    /** The body is cut off half way; fails the run with an excerpt. */
    TRUNCATED_JSON,
    /** The body is not JSON at all; fails the run with an excerpt. */
    MALFORMED_JSON,
    /** The body has no "data" field; fails the run with an excerpt. */
    MISSING_DATA,
    /** Asset objects lack required fields (priceUsd, rank); published raw, rejected downstream. */
    MISSING_FIELDS,
    /** The first asset appears twice in the list; published raw, deduplicated downstream. */
    DUPLICATED_ASSETS,
    /** 401 for a key the simulator does not accept; fails at once. */
    UNAUTHORIZED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Fault fromLabel(String label) {
        for (Fault fault : values()) {
            if (fault.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return fault;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + label.trim() + "'");
    }
}
