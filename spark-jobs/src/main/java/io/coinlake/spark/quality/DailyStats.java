package io.coinlake.spark.quality;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The rows of a per-date aggregate that quality checks read, keyed by their first column, the date. */
public final class DailyStats {
    private DailyStats() {
    }

    /** A count column of a day's row, 0 when the day has no row. */
    public static long count(Row row, String column) {
        return row == null ? 0 : row.<Long>getAs(column);
    }

    public static Map<LocalDate, Row> query(SparkSession spark, String sql) {
        Map<LocalDate, Row> rows = new HashMap<>();
        for (Row row : spark.sql(sql).collectAsList()) {
            rows.put(row.getLocalDate(0), row);
        }
        return rows;
    }
}
