package io.coinlake.spark.quality;

import static io.coinlake.spark.quality.QualityResult.Severity.ERROR;
import static io.coinlake.spark.quality.QualityResult.Severity.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityLogTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
    private static final LocalDate D2 = LocalDate.of(2026, 11, 2);

    private static String print(List<QualityResult> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QualityLog.print(new PrintStream(out, true, StandardCharsets.UTF_8), "silver", results);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneDateShowsEveryCheckAndARangeOnlyWhatDidNotPass() {
        QualityResult ok = new QualityResult(D1, "silver.t", "unique_grain", ERROR, true, "0 duplicates", "0");
        QualityResult warn = new QualityResult(D2, "silver.t", "freshness", WARN, false, "newest 2026-11-02", "2026-11-27 or later");
        QualityResult fail = new QualityResult(D2, "bronze", "batch_complete", ERROR, false, "run r: 4 of 5", "every record");

        assertThat(print(List.of(ok))).isEqualTo("quality checks, silver 2026-11-01: 1 of 1 passed\n"
                + "  ok    error  silver.t unique_grain                      0 duplicates\n");
        String range = print(List.of(ok, warn, fail));
        assertThat(range).contains("quality checks, silver 2026-11-01: 1 of 1 passed\n")
                .contains("quality checks, silver 2026-11-02: 0 of 2 passed\n")
                .contains("  WARN  warn   silver.t freshness")
                .contains("  FAIL  error  bronze batch_complete                      run r: 4 of 5  (expected every record)")
                .doesNotContain("unique_grain");
        assertThat(fail.failsJob()).isTrue();
        assertThat(warn.failsJob()).isFalse();
    }
}
