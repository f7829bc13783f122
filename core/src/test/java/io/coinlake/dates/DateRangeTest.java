package io.coinlake.dates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateRangeTest {
    @Test
    void aRangeWithoutToIsItsFirstDateAlone() {
        DateRange range = DateRange.parse("2026-11-01", null);

        assertThat(range.days()).isEqualTo(1);
        assertThat(range.dates()).containsExactly(LocalDate.of(2026, 11, 1));
    }

    @Test
    void aRangeHoldsEveryCalendarDateInclusiveAcrossAMonthEnd() {
        DateRange range = DateRange.parse("2026-10-30", "2026-11-02");

        assertThat(range.days()).isEqualTo(4);
        assertThat(range.dates()).extracting(LocalDate::toString)
                .containsExactly("2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02");
    }

    @Test
    void badDatesSayWhichOptionAndWhatToGive() {
        assertThatThrownBy(() -> DateRange.parse("01/11/2026", null)).isInstanceOf(DateRange.InvalidDates.class)
                .hasMessage("--date '01/11/2026' is not a date: use YYYY-MM-DD, e.g. 2026-11-01.");
        assertThatThrownBy(() -> DateRange.parse("2026-11-07", "2026-11-01"))
                .hasMessage("--to 2026-11-01 is before 2026-11-07, the first date.");
        assertThatThrownBy(() -> DateRange.parseDate("--from", "yesterday")).hasMessageStartingWith("--from 'yesterday'");
    }
}
