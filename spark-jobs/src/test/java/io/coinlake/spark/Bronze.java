package io.coinlake.spark;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.bronze.BronzeObjectKey;
import io.coinlake.envelope.AssetEnvelope;
import io.coinlake.envelope.Batch;
import io.coinlake.envelope.EnvelopeCodec;
import io.coinlake.envelope.SnapshotKind;
import io.coinlake.json.RawJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Bronze objects for tests, made with the real envelope codec and landed on the real S3 server. */
public final class Bronze {
    public static final String TOPIC = "coincap.assets.raw";

    private Bronze() {
    }

    /** A real CoinCap response from the shared samples (test resources). */
    public static String sample(String name) {
        try (InputStream in = Bronze.class.getResourceAsStream("/coincap-samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource coincap-samples/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response's {@code data} objects (or the single object), exactly as sent. */
    public static List<String> dataObjects(String response) {
        try (JsonParser parser = RawJson.parser(response)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("data")) {
                    List<String> objects = new ArrayList<>();
                    if (value == JsonToken.START_OBJECT) {
                        objects.add(RawJson.slice(parser, response));
                    } else {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            objects.add(RawJson.slice(parser, response));
                        }
                    }
                    return objects;
                }
                parser.skipChildren();
            }
            throw new IllegalArgumentException("no data in the response");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long timestampOf(String response) {
        return tree(response).path("timestamp").asLong();
    }

    /** Envelope lines of one live batch: one per raw asset, in order. */
    public static List<String> liveBatch(LocalDate date, String runId, Instant fetchedAt, Instant responseTime, List<String> rawAssets) {
        Batch batch = new Batch(date, runId, Batch.SOURCE_SIMULATED, fetchedAt);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rawAssets.size(); i++) {
            String raw = rawAssets.get(i);
            String id = tree(raw).path("id").asText();
            lines.add(line(new AssetEnvelope(batch, id, SnapshotKind.LIVE, "/assets?limit=" + rawAssets.size(),
                    responseTime, i, rawAssets.size(), raw, null)));
        }
        return lines;
    }

    private static JsonNode tree(String json) {
        try {
            return RawJson.tree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String line(AssetEnvelope envelope) {
        return new String(EnvelopeCodec.encode(envelope), StandardCharsets.UTF_8);
    }

    public static String key(LocalDate date, int partition, long firstOffset) {
        return new BronzeObjectKey(BronzeObjectKey.PREFIX, TOPIC, date, partition, firstOffset, false).key();
    }

    /** Lands lines as one object, the way the sink writes them (JSON Lines, newline-terminated). */
    public static String land(LocalDate date, int partition, long firstOffset, List<String> lines) throws Exception {
        String key = key(date, partition, firstOffset);
        TestLake.put(key, String.join("\n", lines) + "\n");
        return "s3://" + TestLake.BUCKET + "/" + key;
    }
}
