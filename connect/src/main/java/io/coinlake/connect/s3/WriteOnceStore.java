package io.coinlake.connect.s3;

import java.io.Closeable;

/** Where bronze objects go: each key written once, and never with other content. */
public interface WriteOnceStore extends Closeable {
    enum Outcome {
        /** The object did not exist and now does. */
        WRITTEN,
        /** The object existed with exactly these bytes: a redelivery, and fine. */
        ALREADY_PRESENT
    }

    /**
     * Writes {@code content} under {@code key} unless the key exists. Throws
     * {@link ConflictingObjectException} when the key holds different bytes.
     */
    Outcome putIfAbsent(String key, byte[] content);

    /** Thrown when a key already holds other bytes: landing would rewrite bronze, which never happens. */
    final class ConflictingObjectException extends RuntimeException {
        public ConflictingObjectException(String message) {
            super(message);
        }
    }
}
