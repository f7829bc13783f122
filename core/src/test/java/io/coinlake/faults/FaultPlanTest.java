package io.coinlake.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultPlanTest {
    @Test
    void parsesCountsDefaultsAndAlways() {
        FaultPlan plan = FaultPlan.parse("server-error:2, rate-limit ,slow:*");

        assertThat(plan.times()).containsEntry(Fault.SERVER_ERROR, 2).containsEntry(Fault.RATE_LIMIT, 1)
                .containsEntry(Fault.SLOW, FaultPlan.ALWAYS);
        assertThat(FaultPlan.parse(plan.toString())).isEqualTo(plan);
        assertThat(FaultPlan.parse("")).isEqualTo(FaultPlan.NONE);
    }

    @Test
    void rejectsUnknownFaultsAndBadCounts() {
        assertThatThrownBy(() -> FaultPlan.parse("meteor")).hasMessageContaining("unknown fault 'meteor'");
        assertThatThrownBy(() -> FaultPlan.parse("slow:0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> FaultPlan.parse("slow:x")).hasMessageContaining("'x' is not a count");
    }
}
