package io.coinlake.operations;

/** A failure to report as one line, with no stack trace: the message says what went wrong and what to do. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
