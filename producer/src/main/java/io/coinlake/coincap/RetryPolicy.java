package io.coinlake.coincap;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, bounded by attempts and by the total time spent waiting.
 * A server's Retry-After wins over the computed delay, since the server knows when its window opens.
 *
 * @param maxAttempts attempts in all, the first included
 * @param baseDelay   delay before the first retry, doubled for each further one
 * @param maxDelay    cap on one computed delay
 * @param budget      cap on all waits of one request together
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration budget) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy standard(int maxAttempts, Duration budget) {
        return new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(30), budget);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry). Without Retry-After it is
     * drawn from [d/2, d] with d = min(maxDelay, baseDelay * 2^(retry-1)): "equal jitter", so that
     * clients that failed together do not retry together, yet no wait collapses to zero.
     */
    public Duration delayBefore(int retry, Optional<Duration> retryAfter, DoubleSupplier random) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long capped = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(retry - 1, 20));
        long jittered = capped / 2 + Math.round(random.getAsDouble() * (capped - capped / 2));
        return Duration.ofMillis(jittered);
    }

    /** Whether another attempt is allowed after {@code attempts} attempts and {@code waited} so far plus {@code next}. */
    public boolean allows(int attempts, Duration waited, Duration next) {
        return attempts < maxAttempts && waited.plus(next).compareTo(budget) <= 0;
    }
}
