package io.coinlake.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;

/**
 * Cuts JSON values out of a document as the exact characters they were sent with. Parsing into a
 * tree and writing it back would turn "60310.6888208343493939" into a double, reorder nothing but
 * still lose digits; slicing keeps every byte and every unknown field.
 */
public final class RawJson {
    /** Numbers as BigDecimal, so nothing read through this mapper is rounded either. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private RawJson() {
    }

    public static JsonParser parser(String text) throws IOException {
        return FACTORY.createParser(text);
    }

    /**
     * With {@code parser} on the START_OBJECT or START_ARRAY of a value, skips the value and
     * returns its exact text from {@code source}; the parser is left on the closing token.
     */
    public static String slice(JsonParser parser, String source) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            throw new IllegalStateException("slice needs an object or array, not " + token);
        }
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
        return source.substring(start, end);
    }

    public static JsonNode tree(String text) throws IOException {
        return MAPPER.readTree(text);
    }
}
