package io.coinlake.producer;

/** Publishing a batch failed; its transaction was aborted, so the date can be rerun as is. */
public class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
