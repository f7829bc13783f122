package io.coinlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.operations.SparkJob;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkSubmitCommandTest {
    private static final List<String> SUBMIT = List.of("--master", "local[*]", "--name", "coinlake-silver_gold",
            "--class", "io.coinlake.spark.SparkJobs", "coinlake-spark-jobs.jar");

    private static int days(String... jobArguments) {
        List<String> arguments = new java.util.ArrayList<>(SUBMIT);
        arguments.addAll(List.of(jobArguments));
        return SparkSubmitCommand.days(arguments);
    }

    @Test
    void aRangeCountsItsDatesInclusively() {
        assertThat(days("pipeline", "--date", "2026-10-01", "--to", "2026-10-30")).isEqualTo(30);
        assertThat(days("pipeline", "--from", "2025-11-01", "--to", "2026-10-31")).isEqualTo(365);
    }

    @Test
    void aJobOfOneDateIsOneDayAndAJobWithoutDatesIsNotDated() {
        assertThat(days("pipeline", "--date", "2026-11-01", "--full-refresh=false")).isEqualTo(1);
        assertThat(days("maintain", "--dry-run=true")).isEqualTo(SparkJob.NOT_DATED);
    }

    @Test
    void aFullRefreshReadsEveryDayOfSilver() {
        assertThat(days("pipeline", "--date", "2026-11-01", "--full-refresh=true")).isGreaterThan(SparkJob.SHORT_JOB_DAYS);
        assertThat(days("gold", "--date", "2026-11-01", "--full-refresh")).isGreaterThan(SparkJob.SHORT_JOB_DAYS);
    }

    @Test
    void datesTheJobWillRefuseCountAsOneDay() {
        assertThat(days("silver", "--date", "2026-11-31", "--to", "2026-12-02")).isEqualTo(1);
        assertThat(days("silver", "--date", "yesterday")).isEqualTo(1);
        assertThat(days("silver", "--date", "2026-11-05", "--to", "2026-11-01")).isEqualTo(1);
    }
}
