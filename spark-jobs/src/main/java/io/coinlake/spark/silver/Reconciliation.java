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

    static List<Reconciliation> of(SilverInput input, List<LocalDate> dates) {
        Map<LocalDate, Long> lines = countByDate(input.lines, "bronze_date");
        Map<LocalDate, Long> snapshots = countByDate(input.snapshots, "snapshot_date");
        Map<LocalDate, Long> duplicates = countByDate(input.duplicates, "snapshot_date");
        Map<LocalDate, Long> rejected = countByDate(input.rejected, "bronze_date");
        List<Reconciliation> result = new ArrayList<>();
        for (LocalDate date : dates) {
            result.add(new Reconciliation(date, lines.getOrDefault(date, 0L), snapshots.getOrDefault(date, 0L),
                    duplicates.getOrDefault(date, 0L), rejected.getOrDefault(date, 0L)));
        }
        return result;
    }

    private static Map<LocalDate, Long> countByDate(Dataset<Row> rows, String dateColumn) {
        Map<LocalDate, Long> counts = new HashMap<>();
        for (Row row : rows.groupBy(dateColumn).count().collectAsList()) {
            counts.put(row.isNullAt(0) ? null : row.getLocalDate(0), row.getLong(1));
        }
        return counts;
    }
}
