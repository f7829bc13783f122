package io.coinlake.producer;

import io.coinlake.coincap.ApiResponse;
import io.coinlake.coincap.CoinCapClient;
import io.coinlake.envelope.SnapshotKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Fetches the snapshot of a date from CoinCap (or the simulator behind the same client). */
public final class SnapshotFetcher {
    private final CoinCapClient client;
    private final Consumer<String> progress;

    public SnapshotFetcher(CoinCapClient client, Consumer<String> progress) {
        this.client = client;
        this.progress = progress;
    }

    public Snapshot fetch(LocalDate date, SnapshotKind kind, int count) {
        return kind == SnapshotKind.LIVE ? live(date, count) : history(date, count);
    }

    /** The top {@code count} of /assets as they are now. */
    private Snapshot live(LocalDate date, int count) {
        List<SnapshotItem> items = new ArrayList<>();
        for (ApiResponse page : client.topAssets(count)) {
            for (String raw : page.items()) {
                items.add(new SnapshotItem(CoinCapClient.idOf(raw), SnapshotKind.LIVE, page.endpoint(),
                        page.timestamp(), raw, null));
            }
            progress.accept("fetched " + items.size() + "/" + count + " assets from " + page.endpoint());
        }
        return new Snapshot(date, SnapshotKind.LIVE, items, List.of(), duplicates(items));
    }

    /** The listing's top {@code count} ids, then each one's h1 point for the last hour of {@code date}. */
    private Snapshot history(LocalDate date, int count) {
        List<String> listing = new ArrayList<>();
        for (ApiResponse page : client.topAssets(count)) {
            listing.addAll(page.items());
        }
        Instant start = SnapshotTiming.lastHourOf(date);
        Instant end = start.plusSeconds(3600);
        List<SnapshotItem> items = new ArrayList<>();
        List<String> withoutHistory = new ArrayList<>();
        for (int i = 0; i < listing.size(); i++) {
            String raw = listing.get(i);
            String id = CoinCapClient.idOf(raw);
            ApiResponse history = client.history(id, "h1", start, end);
            if (history.items().isEmpty()) {
                withoutHistory.add(id);
            } else {
                String point = history.items().get(history.items().size() - 1);
                items.add(new SnapshotItem(id, SnapshotKind.HISTORY, history.endpoint(), history.timestamp(), point, raw));
            }
            if ((i + 1) % 10 == 0 || i + 1 == listing.size()) {
                progress.accept("fetched history of " + (i + 1) + "/" + listing.size() + " assets");
            }
        }
        if (!withoutHistory.isEmpty()) {
            progress.accept(withoutHistory.size() + " listed asset(s) have no history for " + date
                    + " (listed later, or delisted data): " + String.join(", ", withoutHistory));
        }
        return new Snapshot(date, SnapshotKind.HISTORY, items, withoutHistory, duplicates(items));
    }

    private static int duplicates(List<SnapshotItem> items) {
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (SnapshotItem item : items) {
            if (!seen.add(item.assetId())) {
                duplicates++;
            }
        }
        return duplicates;
    }
}
