package io.coinlake.coincap;

/** Lets tests in other packages parse sample bodies the way the client does. */
public final class ResponseParserAccess {
    private ResponseParserAccess() {
    }

    public static ApiResponse parse(String endpoint, String body) {
        return ResponseParser.parse(endpoint, body);
    }
}
