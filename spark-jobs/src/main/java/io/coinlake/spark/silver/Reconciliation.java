package io.coinlake.spark.silver;

import io.coinlake.spark.quality.QualityResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Conservation of one date: every bronze line ends up as a snapshot row, a dropped duplicate or a
 * rejected row. Each count comes from its own dataset, so a line lost between them shows here.
 */
public record Reconciliation(LocalDate date, long lines, long snapshots, long duplicates, long rejected) {
    public boolean balanced() {
        return lines == snapshots + duplicates + rejected;
    }

    @Override
    public String toString() {
        return lines + " bronze lines " + (balanced() ? "=" : "!=") + " " + snapshots + " snapshots + " + duplicates
                + " duplicates + " + rejected + " rejected";
    }

    /** This reconciliation as the error-level check it is. */
    QualityResult asCheck() {
        return new QualityResult(date, "silver", "conservation", QualityResult.Severity.ERROR, balanced(), toString(),
                "lines = snapshots + duplicates + rejected");
    }

    /** Every date's four counts in one Spark job, whatever the number of dates. */
    static List<Reconciliation> of(SilverInput input, List<LocalDate> dates) {
        Dataset<Row> tagged = input.records.selectExpr("bronze_date AS date", "'lines' AS kind")
                .unionAll(input.snapshots.selectExpr("snapshot_date", "'snapshots'"))
                .unionAll(input.duplicates.selectExpr("snapshot_date", "'duplicates'"))
                .unionAll(input.rejected.selectExpr("bronze_date", "'rejected'"));
        Map<String, Map<LocalDate, Long>> counts = new HashMap<>();
        for (Row row : tagged.groupBy("date", "kind").count().collectAsList()) {
            counts.computeIfAbsent(row.getString(1), kind -> new HashMap<>())
                    .put(row.isNullAt(0) ? null : row.getLocalDate(0), row.getLong(2));
        }
        List<Reconciliation> result = new ArrayList<>();
        for (LocalDate date : dates) {
            result.add(new Reconciliation(date, count(counts, "lines", date), count(counts, "snapshots", date),
                    count(counts, "duplicates", date), count(counts, "rejected", date)));
        }
        return result;
    }

    private static long count(Map<String, Map<LocalDate, Long>> counts, String kind, LocalDate date) {
        return counts.getOrDefault(kind, Map.of()).getOrDefault(date, 0L);
    }
}
