package io.coinlake.producer;

import io.coinlake.config.Settings.SnapshotMode;
import io.coinlake.envelope.SnapshotKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What "the snapshot of date D" means: the market at the close of D, 24:00 UTC. /assets only knows
 * "now", so a live snapshot stands for D when taken at D's close or shortly after (today, or
 * yesterday by a run just after midnight); older dates come from each asset's hourly history,
 * using the point of D's last hour.
 */
public final class SnapshotTiming {
    private SnapshotTiming() {
    }

    /** The last instant of D: where a time-travelling source (the simulator) takes D's live snapshot. */
    public static Instant closeOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
    }

    /** The hour whose h1 history point stands for D's close: [23:00, 24:00) UTC. */
    public static Instant lastHourOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofHours(1));
    }

    public static SnapshotKind kindFor(LocalDate date, LocalDate today, SnapshotMode mode) {
        return switch (mode) {
            case LIVE -> SnapshotKind.LIVE;
            case HISTORY -> SnapshotKind.HISTORY;
            case AUTO -> date.isBefore(today.minusDays(1)) ? SnapshotKind.HISTORY : SnapshotKind.LIVE;
        };
    }
}
