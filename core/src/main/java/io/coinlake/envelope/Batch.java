package io.coinlake.envelope;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What every record of one produce run for one date shares.
 *
 * @param logicalDate the date the snapshot stands for (its close; see docs/decisions.md)
 * @param runId       unique per produce run: a rerun of a date gets a new one, so duplicates are traceable
 * @param source      {@link #SOURCE_API} or {@link #SOURCE_SIMULATED}: simulated data is always labelled
 * @param fetchedAt   when the producer received the data
 */
public record Batch(LocalDate logicalDate, String runId, String source, Instant fetchedAt) {
    public static final String SOURCE_API = "coincap-api";
    public static final String SOURCE_SIMULATED = "simulated";

    public Batch {
        Objects.requireNonNull(logicalDate, "logicalDate");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    public boolean simulated() {
        return SOURCE_SIMULATED.equals(source);
    }
}
