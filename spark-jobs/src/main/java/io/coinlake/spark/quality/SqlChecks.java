package io.coinlake.spark.quality;

import io.coinlake.spark.SqlTemplate;
import io.coinlake.spark.SqlText;
import io.coinlake.spark.quality.QualityResult.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Quality checks written as SQL, several to a resource, each after a header line
 * {@code -- check: <name> <error|warn>} or {@code -- check: <name> <error|warn> counts: <what>}.
 * A counting check returns {@code (day, n)} and passes on the days where n is 0 (a day without a
 * row counts 0); any other returns {@code (day, passed, observed, expected)} for every day.
 */
public final class SqlChecks {
    private static final Pattern HEADER = Pattern.compile("(?m)^-- check: (\\w+) (error|warn)(?: counts: (.+))?$");

    /** One check of the resource. */
    record Check(String name, Severity severity, String counts, String sql) {
    }

    private final String table;
    private final List<Check> checks;

    private SqlChecks(String table, List<Check> checks) {
        this.table = table;
        this.checks = checks;
    }

    /** @param table the name results carry, e.g. {@code gold.market_daily} */
    public static SqlChecks load(String resource, String table) {
        String text = SqlTemplate.load(resource);
        List<MatchResult> headers = HEADER.matcher(text).results().toList();
        if (headers.isEmpty()) {
            throw new IllegalStateException(resource + " has no '-- check: <name> <error|warn>' line");
        }
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            MatchResult header = headers.get(i);
            int end = i + 1 < headers.size() ? headers.get(i + 1).start() : text.length();
            checks.add(new Check(header.group(1), Severity.valueOf(header.group(2).toUpperCase(Locale.ROOT)),
                    header.group(3), text.substring(header.end(), end).strip()));
        }
        return new SqlChecks(table, List.copyOf(checks));
    }

    /** Every check for every day, by day and then in the resource's order; all of a resource's checks in one query. */
    public List<QualityResult> run(SparkSession spark, List<LocalDate> days, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("days", "(SELECT explode(array" + SqlText.dates(days) + ") AS day)");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            // The new line ends any comment on the check's last line before the parenthesis.
            String body = "(\n" + SqlTemplate.render(check.sql(), all) + "\n)";
            parts.add(check.counts() != null
                    ? "SELECT " + i + " AS check_index, day, CAST(n AS BIGINT) AS n, CAST(NULL AS BOOLEAN) AS passed,"
                            + " CAST(NULL AS STRING) AS observed, CAST(NULL AS STRING) AS expected FROM " + body
                    : "SELECT " + i + " AS check_index, day, CAST(NULL AS BIGINT) AS n, passed,"
                            + " CAST(observed AS STRING) AS observed, CAST(expected AS STRING) AS expected FROM " + body);
        }
        Map<Integer, Map<LocalDate, Row>> rows = new HashMap<>();
        for (Row row : spark.sql(String.join("\nUNION ALL\n", parts)).collectAsList()) {
            rows.computeIfAbsent(row.getInt(0), index -> new HashMap<>()).put(row.getLocalDate(1), row);
        }
        Map<LocalDate, List<QualityResult>> byDay = new TreeMap<>();
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            for (LocalDate day : days) {
                Row row = rows.getOrDefault(i, Map.of()).get(day);
                QualityResult result = check.counts() != null
                        ? QualityResult.expectZero(day, table, check.name(), check.severity(), DailyStats.count(row, "n"), check.counts())
                        : new QualityResult(day, table, check.name(), check.severity(), row != null && Boolean.TRUE.equals(row.getAs("passed")),
                                row == null ? "no result" : row.getAs("observed"), row == null ? "" : row.getAs("expected"));
                byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(result);
            }
        }
        List<QualityResult> results = new ArrayList<>();
        byDay.values().forEach(results::addAll);
        return results;
    }
}
