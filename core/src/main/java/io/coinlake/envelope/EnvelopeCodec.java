package io.coinlake.envelope;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.coinlake.json.RawJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON form of envelopes on the raw topic (schema version 1). The raw CoinCap object is
 * written as-is with {@link JsonGenerator#writeRawValue(String)} and read back by slicing, so it
 * crosses Kafka byte for byte.
 */
public final class EnvelopeCodec {
    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE_ASSET = "asset";
    public static final String TYPE_END_OF_BATCH = "end-of-batch";

    private EnvelopeCodec() {
    }

    public static byte[] encode(Envelope envelope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = RawJson.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", envelope instanceof AssetEnvelope ? TYPE_ASSET : TYPE_END_OF_BATCH);
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            Batch batch = envelope.batch();
            json.writeStringField("logicalDate", batch.logicalDate().toString());
            json.writeStringField("runId", batch.runId());
            json.writeStringField("source", batch.source());
            json.writeStringField("fetchedAt", batch.fetchedAt().toString());
            if (envelope instanceof AssetEnvelope asset) {
                json.writeStringField("assetId", asset.assetId());
                json.writeStringField("snapshotKind", asset.kind().label());
                json.writeStringField("endpoint", asset.endpoint());
                json.writeNumberField("responseTimestamp", asset.responseTime().toEpochMilli());
                json.writeNumberField("index", asset.index());
                json.writeNumberField("count", asset.count());
                json.writeFieldName("asset");
                json.writeRawValue(asset.rawAsset());
                if (asset.rawListing() != null) {
                    json.writeFieldName("listing");
                    json.writeRawValue(asset.rawListing());
                }
            } else if (envelope instanceof EndOfBatchMarker marker) {
                json.writeNumberField("partition", marker.partition());
                json.writeNumberField("recordsInPartition", marker.recordsInPartition());
                json.writeNumberField("count", marker.count());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads an envelope; throws {@link IllegalArgumentException} saying what is wrong with a bad one. */
    public static Envelope decode(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = RawJson.parser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("envelope is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    fields.put(name, RawJson.slice(parser, text));
                } else if (token.isNumeric()) {
                    fields.put(name, parser.getLongValue());
                } else if (token != JsonToken.VALUE_NULL) {
                    fields.put(name, parser.getText());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("envelope is not valid JSON: " + e.getMessage(), e);
        }
        return fromFields(fields);
    }

    private static Envelope fromFields(Map<String, Object> fields) {
        Object version = fields.get("schemaVersion");
        if (!(version instanceof Long v) || v != SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported envelope schemaVersion " + version);
        }
        Batch batch = new Batch(LocalDate.parse(text(fields, "logicalDate")), text(fields, "runId"),
                text(fields, "source"), Instant.parse(text(fields, "fetchedAt")));
        String type = text(fields, "type");
        return switch (type) {
            case TYPE_ASSET -> new AssetEnvelope(batch, text(fields, "assetId"),
                    SnapshotKind.fromLabel(text(fields, "snapshotKind")), text(fields, "endpoint"),
                    Instant.ofEpochMilli(number(fields, "responseTimestamp")), (int) number(fields, "index"),
                    (int) number(fields, "count"), text(fields, "asset"), (String) fields.get("listing"));
            case TYPE_END_OF_BATCH -> new EndOfBatchMarker(batch, (int) number(fields, "partition"),
                    (int) number(fields, "recordsInPartition"), (int) number(fields, "count"));
            default -> throw new IllegalArgumentException("unknown envelope type '" + type + "'");
        };
    }

    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("envelope lacks '" + name + "'");
        }
        return value.toString();
    }

    private static long number(Map<String, Object> fields, String name) {
        if (!(fields.get(name) instanceof Long value)) {
            throw new IllegalArgumentException("envelope field '" + name + "' is missing or not a number");
        }
        return value;
    }
}
