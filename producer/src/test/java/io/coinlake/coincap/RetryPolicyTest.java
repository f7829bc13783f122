package io.coinlake.coincap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30));

    @Test
    void delaysDoubleWithinEqualJitterUpToTheCap() {
        assertThat(policy.delayBefore(1, Optional.empty(), () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayBefore(1, Optional.empty(), () -> 1.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delayBefore(3, Optional.empty(), () -> 0.0)).isEqualTo(Duration.ofMillis(2000));
        assertThat(policy.delayBefore(3, Optional.empty(), () -> 1.0)).isEqualTo(Duration.ofMillis(4000));
        assertThat(policy.delayBefore(9, Optional.empty(), () -> 1.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayBefore(60, Optional.empty(), () -> 0.5)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void retryAfterWinsOverBackoff() {
        assertThat(policy.delayBefore(1, Optional.of(Duration.ofSeconds(7)), () -> 0.0)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void attemptsAndBudgetBoundTheRetries() {
        assertThat(policy.allows(1, Duration.ZERO, Duration.ofSeconds(1))).isTrue();
        assertThat(policy.allows(6, Duration.ZERO, Duration.ofSeconds(1))).isFalse();
        assertThat(policy.allows(2, Duration.ofSeconds(25), Duration.ofSeconds(5))).isTrue();
        assertThat(policy.allows(2, Duration.ofSeconds(25), Duration.ofSeconds(6))).isFalse();
    }
}
