package io.coinlake.spark;

/** A job cannot run or must stop; the message says what went wrong and what to do. */
public class JobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobFailure(String message) {
        super(message);
    }
}
