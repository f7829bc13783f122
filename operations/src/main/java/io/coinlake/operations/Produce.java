package io.coinlake.operations;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.dates.DateRange;
import io.coinlake.producer.ProduceJob;
import io.coinlake.producer.ProduceManifest;
import io.coinlake.producer.PublishResult;
import io.coinlake.producer.SnapshotPublisher;
import java.time.Clock;
import java.util.List;

/** Fetches each date's CoinCap snapshot, publishes it to the raw topic and records a manifest per date. */
public final class Produce {
    private Produce() {
    }

    public static List<PublishResult> dates(CoinlakeConfig config, DateRange dates, Progress progress) throws Exception {
        new Stack(config).ensureRawTopic();
        try (SourceFactory.OpenSource open = SourceFactory.open(config);
             SnapshotPublisher publisher = new SnapshotPublisher(config.bootstrapServers(), config.rawTopic(), progress)) {
            if (open.simulator().isPresent()) {
                progress.accept("no COINCAP_API_KEY: using the offline CoinCap simulator (data labelled 'simulated')");
            }
            ProduceJob job = new ProduceJob(open.source(), publisher, config.get(Settings.COINCAP_SNAPSHOT_MODE),
                    Clock.systemUTC(), progress);
            List<PublishResult> results = job.run(dates, config.get(Settings.COINLAKE_ASSET_COUNT));
            for (PublishResult result : results) {
                ProduceManifest.write(config.home(), result);
            }
            return results;
        }
    }
}
