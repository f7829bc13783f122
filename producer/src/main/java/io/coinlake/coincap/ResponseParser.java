package io.coinlake.coincap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.coinlake.json.RawJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads CoinCap's {@code {"data": ..., "timestamp": ...}} documents without touching the raw items. */
final class ResponseParser {
    static final int EXCERPT_LENGTH = 200;

    private ResponseParser() {
    }

    static ApiResponse parse(String endpoint, String body) {
        List<String> items = new ArrayList<>();
        boolean sawData = false;
        Long timestamp = null;
        try (JsonParser parser = RawJson.parser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw bad(endpoint, "is not a JSON object", body);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("data")) {
                    sawData = true;
                    readData(parser, body, value, items, endpoint);
                } else if (field.equals("timestamp") && value == JsonToken.VALUE_NUMBER_INT) {
                    timestamp = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw bad(endpoint, "has content after its JSON object", body);
            }
        } catch (IOException e) {
            throw bad(endpoint, "is not valid JSON (" + firstLine(e.getMessage()) + ")", body);
        }
        if (!sawData) {
            throw bad(endpoint, "has no 'data' field", body);
        }
        if (timestamp == null) {
            throw bad(endpoint, "has no numeric 'timestamp' field", body);
        }
        return new ApiResponse(endpoint, Instant.ofEpochMilli(timestamp), items);
    }

    private static void readData(JsonParser parser, String body, JsonToken value, List<String> items,
                                 String endpoint) throws IOException {
        if (value == JsonToken.START_OBJECT) {
            items.add(RawJson.slice(parser, body));
        } else if (value == JsonToken.START_ARRAY) {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                items.add(RawJson.slice(parser, body));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw bad(endpoint, "has a 'data' array holding something other than objects", body);
            }
        } else {
            throw bad(endpoint, "has a 'data' field that is neither an object nor an array", body);
        }
    }

    private static CoinCapException.BadResponse bad(String endpoint, String what, String body) {
        return new CoinCapException.BadResponse("CoinCap response to GET " + endpoint + " " + what
                + ". Start of the response: " + excerpt(body)
                + ". The run stopped and published nothing for this date; rerun it once CoinCap answers normally.");
    }

    /** The first characters of a body on one line, for error messages. */
    static String excerpt(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= EXCERPT_LENGTH ? "'" + oneLine + "'"
                : "'" + oneLine.substring(0, EXCERPT_LENGTH) + "...' (" + body.length() + " chars)";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
