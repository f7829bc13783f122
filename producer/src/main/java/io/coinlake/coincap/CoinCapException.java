package io.coinlake.coincap;

/** A CoinCap request that failed for good; the message says what happened and what to do. Never holds the key. */
public class CoinCapException extends RuntimeException {
    public CoinCapException(String message) {
        super(message);
    }

    public CoinCapException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 401 or 403: the key is wrong, revoked or lacks the plan for this endpoint. Not retried. */
    public static final class Unauthorized extends CoinCapException {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /** A 429 that says the credits are spent: retrying would only burn more. Not retried. */
    public static final class QuotaExhausted extends CoinCapException {
        public QuotaExhausted(String message) {
            super(message);
        }
    }

    /** A 200 whose body is not the JSON expected (malformed, truncated, no data). Not retried. */
    public static final class BadResponse extends CoinCapException {
        public BadResponse(String message) {
            super(message);
        }
    }

    /** Another 4xx: the request itself is wrong (unknown asset, bad parameter). Not retried. */
    public static final class Rejected extends CoinCapException {
        public Rejected(String message) {
            super(message);
        }
    }

    /** Timeouts, 5xx or per-minute 429s that outlasted the retry budget. */
    public static final class Unavailable extends CoinCapException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
