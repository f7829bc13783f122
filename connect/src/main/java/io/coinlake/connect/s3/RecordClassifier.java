package io.coinlake.connect.s3;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Decides, from a record's value alone, which date partition it belongs to and whether it is an
 * end-of-batch marker, or why it cannot be landed. Reads only the top-level fields it needs.
 */
public final class RecordClassifier {
    private static final JsonFactory JSON = new JsonFactory();

    /** The verdict on one record. Exactly one of date (with isEndOfBatch) and rejection is set. */
    public record Verdict(LocalDate date, boolean isEndOfBatch, String rejection) {
        static Verdict rejected(String reason) {
            return new Verdict(null, false, reason);
        }

        public boolean isRejected() {
            return rejection != null;
        }
    }

    private final String dateField;
    private final boolean fallBackToTimestamp;
    private final String batchEndField;
    private final String batchEndValue;

    public RecordClassifier(String dateField, boolean fallBackToTimestamp, String batchEndField, String batchEndValue) {
        this.dateField = dateField;
        this.fallBackToTimestamp = fallBackToTimestamp;
        this.batchEndField = batchEndField;
        this.batchEndValue = batchEndValue;
    }

    /** @param timestamp the record timestamp in epoch ms, or null when it has none */
    public Verdict classify(byte[] value, Long timestamp) {
        if (value == null) {
            return Verdict.rejected("record has no value (a tombstone)");
        }
        String dateText = null;
        boolean endOfBatch = false;
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Verdict.rejected("value is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals(dateField) && token == JsonToken.VALUE_STRING) {
                    dateText = parser.getText();
                } else if (name.equals(batchEndField) && token == JsonToken.VALUE_STRING) {
                    endOfBatch = batchEndValue.equals(parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return Verdict.rejected("value has content after its JSON object");
            }
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return Verdict.rejected("value is not valid JSON: " + message);
        }
        if (dateText != null) {
            try {
                return new Verdict(LocalDate.parse(dateText), endOfBatch, null);
            } catch (DateTimeParseException e) {
                return Verdict.rejected("field '" + dateField + "' is '" + dateText + "', not a YYYY-MM-DD date");
            }
        }
        if (fallBackToTimestamp && timestamp != null && timestamp >= 0) {
            return new Verdict(LocalDate.ofInstant(Instant.ofEpochMilli(timestamp), ZoneOffset.UTC), endOfBatch, null);
        }
        return Verdict.rejected("value lacks the partition field '" + dateField + "'"
                + (fallBackToTimestamp ? " and the record has no timestamp" : ""));
    }
}
