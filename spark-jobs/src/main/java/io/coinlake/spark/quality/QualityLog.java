package io.coinlake.spark.quality;

import io.coinlake.spark.LakeTables;
import io.coinlake.spark.SqlText;
import io.coinlake.spark.TableAppend;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Appends check results to the audit table (a log: every run adds its rows) and prints them. */
public final class QualityLog {
    private QualityLog() {
    }

    /**
     * Rows built in Java and appended as a DataFrame: as one {@code INSERT ... VALUES} statement,
     * a year's 3,300 results took Spark's SQL parser 3 s.
     */
    public static void append(SparkSession spark, String job, String jobRunId, Instant checkedAt, List<QualityResult> results) {
        if (results.isEmpty()) {
            return;
        }
        List<Row> rows = results.stream().map(r -> RowFactory.create(checkedAt, job, jobRunId, r.date(), r.table(), r.check(),
                r.severity().name().toLowerCase(Locale.ROOT), r.passed(), r.observed(), r.expected())).toList();
        StructType schema = spark.table(LakeTables.QUALITY_CHECKS.name()).schema();
        TableAppend.rows(spark.createDataFrame(rows, schema), LakeTables.QUALITY_CHECKS);
    }

    /** For each date, the results of the newest run of {@code job} that checked it. */
    public static List<QualityResult> newest(SparkSession spark, String job, List<LocalDate> dates) {
        String where = "job = " + literal(job) + " AND check_date IN " + SqlText.dates(dates);
        List<QualityResult> results = new ArrayList<>();
        for (Row row : spark.sql("SELECT check_date, table_name, check_name, severity, passed, observed, expected FROM "
                + LakeTables.QUALITY_CHECKS + " q WHERE " + where + " AND job_run_id = (SELECT max_by(job_run_id, checked_at)"
                + " FROM " + LakeTables.QUALITY_CHECKS + " n WHERE n.job = q.job AND n.check_date = q.check_date)"
                + " ORDER BY check_date").collectAsList()) {
            results.add(new QualityResult(row.getLocalDate(0), row.getString(1), row.getString(2),
                    QualityResult.Severity.valueOf(row.getString(3).toUpperCase(Locale.ROOT)), row.getBoolean(4),
                    row.getString(5), row.getString(6)));
        }
        return results;
    }

    /** Every result for one date; for a range, a count per date and only the results that did not pass. */
    public static void print(PrintStream out, String job, List<QualityResult> results) {
        Map<LocalDate, List<QualityResult>> byDate = new TreeMap<>(results.stream()
                .collect(Collectors.groupingBy(QualityResult::date)));
        boolean everyLine = byDate.size() <= 1;
        byDate.forEach((date, checks) -> {
            long passed = checks.stream().filter(QualityResult::passed).count();
            out.println("quality checks, " + job + " " + date + ": " + passed + " of " + checks.size() + " passed");
            for (QualityResult r : checks) {
                if (everyLine || !r.passed()) {
                    out.printf("  %-4s  %-5s  %-42s %s%n", r.status(), r.severity().name().toLowerCase(Locale.ROOT),
                            r.table() + " " + r.check(), r.observed() + (r.passed() ? "" : "  (expected " + r.expected() + ")"));
                }
            }
        });
    }

    private static String literal(String text) {
        return text == null ? "NULL" : "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
