package io.coinlake.producer;

import io.coinlake.config.Settings.SnapshotMode;
import io.coinlake.dates.DateRange;
import io.coinlake.envelope.Batch;
import io.coinlake.envelope.SnapshotKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/** Fetches and publishes the snapshot of each date in a range, one transaction per date. */
public final class ProduceJob {
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CoinCapSource source;
    private final SnapshotPublisher publisher;
    private final SnapshotMode mode;
    private final Clock clock;
    private final Consumer<String> progress;

    public ProduceJob(CoinCapSource source, SnapshotPublisher publisher, SnapshotMode mode, Clock clock,
                      Consumer<String> progress) {
        this.source = source;
        this.publisher = publisher;
        this.mode = mode;
        this.clock = clock;
        this.progress = progress;
    }

    public List<PublishResult> run(DateRange dates, int count) throws InterruptedException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate to = dates.last();
        if (to.isAfter(today)) {
            throw new IllegalArgumentException(to + " is in the future (today is " + today + " UTC): a snapshot"
                    + " of a date exists from that date on.");
        }
        SnapshotFetcher fetcher = new SnapshotFetcher(source.client(), progress);
        List<PublishResult> results = new ArrayList<>();
        for (LocalDate date : dates.dates()) {
            progress.accept("[" + (results.size() + 1) + "/" + dates.days() + "] " + date + ": fetching " + count
                    + " assets from " + source.label());
            SnapshotKind kind = kindFor(date, today);
            Instant asOf = simulatedInstant(date, kind);
            source.timeTravel().ifPresent(setTime -> setTime.accept(asOf));
            Snapshot snapshot = fetcher.fetch(date, kind, count);
            Instant fetchedAt = clock.instant();
            Batch batch = new Batch(date, newRunId(fetchedAt), source.label(), fetchedAt);
            results.add(publisher.publish(batch, snapshot));
        }
        return results;
    }

    /** A time-travelling source can be asked at D's close, so it always gives full live objects unless history is forced. */
    private SnapshotKind kindFor(LocalDate date, LocalDate today) {
        if (source.timeTravel().isPresent() && mode == SnapshotMode.AUTO) {
            return SnapshotKind.LIVE;
        }
        return SnapshotTiming.kindFor(date, today, mode);
    }

    /** Live: D's last instant. History: the moment D's last hourly point is complete. Never past now. */
    private Instant simulatedInstant(LocalDate date, SnapshotKind kind) {
        Instant instant = kind == SnapshotKind.LIVE ? SnapshotTiming.closeOf(date)
                : SnapshotTiming.lastHourOf(date).plusSeconds(3600);
        Instant now = clock.instant();
        return instant.isAfter(now) ? now : instant;
    }

    /** Sortable and unique: the run's start time plus random bits. */
    static String newRunId(Instant at) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return RUN_ID_TIME.format(at) + "-" + HexFormat.of().formatHex(suffix);
    }
}
