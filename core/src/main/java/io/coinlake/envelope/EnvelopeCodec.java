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
            json.writeStringField(EnvelopeFields.TYPE, envelope instanceof AssetEnvelope ? TYPE_ASSET : TYPE_END_OF_BATCH);
            json.writeNumberField(EnvelopeFields.SCHEMA_VERSION, SCHEMA_VERSION);
            Batch batch = envelope.batch();
            json.writeStringField(EnvelopeFields.LOGICAL_DATE, batch.logicalDate().toString());
            json.writeStringField(EnvelopeFields.RUN_ID, batch.runId());
            json.writeStringField(EnvelopeFields.SOURCE, batch.source());
            json.writeStringField(EnvelopeFields.FETCHED_AT, batch.fetchedAt().toString());
            if (envelope instanceof AssetEnvelope asset) {
                json.writeStringField(EnvelopeFields.ASSET_ID, asset.assetId());
                json.writeStringField(EnvelopeFields.SNAPSHOT_KIND, asset.kind().label());
                json.writeStringField(EnvelopeFields.ENDPOINT, asset.endpoint());
                json.writeNumberField(EnvelopeFields.RESPONSE_TIMESTAMP, asset.responseTime().toEpochMilli());
                json.writeNumberField(EnvelopeFields.INDEX, asset.index());
                json.writeNumberField(EnvelopeFields.COUNT, asset.count());
                json.writeFieldName(EnvelopeFields.ASSET);
                json.writeRawValue(asset.rawAsset());
                if (asset.rawListing() != null) {
                    json.writeFieldName(EnvelopeFields.LISTING);
                    json.writeRawValue(asset.rawListing());
                }
            } else if (envelope instanceof EndOfBatchMarker marker) {
                json.writeNumberField(EnvelopeFields.PARTITION, marker.partition());
                json.writeNumberField(EnvelopeFields.RECORDS_IN_PARTITION, marker.recordsInPartition());
                json.writeNumberField(EnvelopeFields.COUNT, marker.count());
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
        Object version = fields.get(EnvelopeFields.SCHEMA_VERSION);
        if (!(version instanceof Long v) || v != SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported envelope schemaVersion " + version);
        }
        Batch batch = new Batch(LocalDate.parse(text(fields, EnvelopeFields.LOGICAL_DATE)), text(fields, EnvelopeFields.RUN_ID),
                text(fields, EnvelopeFields.SOURCE), Instant.parse(text(fields, EnvelopeFields.FETCHED_AT)));
        String type = text(fields, EnvelopeFields.TYPE);
        return switch (type) {
            case TYPE_ASSET -> new AssetEnvelope(batch, text(fields, EnvelopeFields.ASSET_ID),
                    SnapshotKind.fromLabel(text(fields, EnvelopeFields.SNAPSHOT_KIND)), text(fields, EnvelopeFields.ENDPOINT),
                    Instant.ofEpochMilli(number(fields, EnvelopeFields.RESPONSE_TIMESTAMP)), (int) number(fields, EnvelopeFields.INDEX),
                    (int) number(fields, EnvelopeFields.COUNT), text(fields, EnvelopeFields.ASSET), (String) fields.get(EnvelopeFields.LISTING));
            case TYPE_END_OF_BATCH -> new EndOfBatchMarker(batch, (int) number(fields, EnvelopeFields.PARTITION),
                    (int) number(fields, EnvelopeFields.RECORDS_IN_PARTITION), (int) number(fields, EnvelopeFields.COUNT));
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
