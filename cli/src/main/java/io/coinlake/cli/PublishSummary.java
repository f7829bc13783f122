package io.coinlake.cli;

import io.coinlake.producer.PublishResult;
import java.io.PrintWriter;
import java.util.List;

/** What 'produce' and 'run' print about the batches they published: a line per date, then the total. */
final class PublishSummary {
    private PublishSummary() {
    }

    static void print(PrintWriter out, List<PublishResult> results) {
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
