package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.dates.DateRange;
import io.coinlake.producer.ProduceJob;
import io.coinlake.producer.ProduceManifest;
import io.coinlake.producer.PublishResult;
import io.coinlake.producer.SnapshotPublisher;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Fetch the CoinCap snapshot of each date and publish it to the raw topic, one transaction per date."
                + " Without COINCAP_API_KEY the data comes from the offline simulator and is labelled 'simulated'.")
final class ProduceCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Mixin
    private DateRangeOptions dates;

    @Mixin
    private AssetLimitOption limit;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DateRange range = dates.range();
        CoinlakeConfig effective = config.resolve(limit.settings());
        new Stack(effective).requireKafka();
        List<PublishResult> results = produce(effective, range, new Progress("produce"));
        printSummary(spec.commandLine().getOut(), results);
        return 0;
    }

    /** Shared with 'run': fetch, publish and record a manifest per date. */
    static List<PublishResult> produce(CoinlakeConfig config, DateRange dates, Progress progress)
            throws Exception {
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

    static void printSummary(PrintWriter out, List<PublishResult> results) {
        out.printf("%-10s  %-7s  %-9s  %7s  %-24s  %s%n", "date", "kind", "source", "records", "run id",
                "partition: records [first..marker] end");
        for (PublishResult result : results) {
            StringBuilder partitions = new StringBuilder();
            result.partitions().forEach((partition, p) -> partitions.append(partition).append(": ")
                    .append(p.records()).append(" [").append(p.firstOffset() < 0 ? "-" : Long.toString(p.firstOffset()))
                    .append("..").append(p.markerOffset()).append("] ").append(p.endOffset()).append("   "));
            out.printf("%-10s  %-7s  %-9s  %7d  %-24s  %s%n", result.batch().logicalDate(), result.kind().label(),
                    result.batch().source(), result.records(), result.batch().runId(), partitions.toString().strip());
            if (result.duplicateIds() > 0) {
                out.printf("            note: %d asset id(s) appeared twice in CoinCap's answer; kept raw, silver deduplicates%n",
                        result.duplicateIds());
            }
        }
        int total = results.stream().mapToInt(PublishResult::records).sum();
        out.printf("published %d records for %d date(s) to %s%n", total, results.size(),
                results.isEmpty() ? "-" : results.get(0).topic());
    }
}
