package io.coinlake.spark;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * Retries a read-compute-commit step that lost an optimistic-concurrency race: another job
 * committed to the same table first, and Iceberg refused a commit based on the older snapshot.
 * The step is run again from its reads, so it sees what the other job wrote.
 */
public final class Commits {
    public static final int ATTEMPTS = 6;

    private Commits() {
    }

    public static <T> T retryingConflicts(String what, Supplier<T> step, Consumer<String> progress) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (!isConflict(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                progress.accept(what + ": another job committed first (" + rootMessage(e) + "); retrying, attempt "
                        + (attempt + 1) + " of " + ATTEMPTS);
                sleep(250L * attempt + (long) (Math.random() * 250));
            }
        }
    }

    static boolean isConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ValidationException || cause instanceof CommitFailedException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.length() > 160 ? message.substring(0, 160) + "..." : message;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a commit", e);
        }
    }
}
