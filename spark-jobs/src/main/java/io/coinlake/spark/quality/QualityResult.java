package io.coinlake.spark.quality;

import java.time.LocalDate;

/**
 * The outcome of one data-quality check on one date of one table. An {@link Severity#ERROR}
 * failure fails the job; a {@link Severity#WARN} failure is reported only.
 */
public record QualityResult(LocalDate date, String table, String check, Severity severity, boolean passed,
                            String observed, String expected) {
    public enum Severity { ERROR, WARN }

    /** A check that counts offending rows: it passes when there are none. */
    public static QualityResult expectZero(LocalDate date, String table, String check, Severity severity, long observed,
                                           String what) {
        return new QualityResult(date, table, check, severity, observed == 0, observed + " " + what, "0");
    }

    public boolean failsJob() {
        return !passed && severity == Severity.ERROR;
    }

    public String status() {
        if (passed) {
            return "ok";
        }
        return severity == Severity.ERROR ? "FAIL" : "WARN";
    }
}
