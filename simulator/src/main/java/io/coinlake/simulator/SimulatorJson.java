package io.coinlake.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import io.coinlake.json.RawJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Writes CoinCap v3 JSON shapes: every number a string, nullable maxSupply, v3's tokens. */
final class SimulatorJson {
    /** CoinCap's history dates: ISO-8601 with milliseconds and a Z. */
    private static final DateTimeFormatter HISTORY_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Fields left out when the missing-fields fault hits an asset. */
    static final Set<String> DROPPED_BY_MISSING_FIELDS = Set.of("priceUsd", "rank");

    record HistoryPoint(BigDecimal priceUsd, Instant time, BigDecimal circulatingSupply) {
    }

    private SimulatorJson() {
    }

    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static String envelope(Body data, Instant timestamp) {
        return document(json -> {
            json.writeFieldName("data");
            data.write(json);
            json.writeNumberField("timestamp", timestamp.toEpochMilli());
        });
    }

    static String error(String message, Instant timestamp) {
        return document(json -> {
            json.writeStringField("error", message);
            json.writeNumberField("timestamp", timestamp.toEpochMilli());
        });
    }

    private static String document(Body fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = RawJson.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The field {@code newFields} adds: the schema-evolution example (see docs/schema-evolution.md). */
    static final String NEW_FIELD = "dilutedMarketCapUsd";

    static Body assets(List<SimulatedMarket.Quote> quotes, Set<String> dropFieldsOfSecond, boolean newFields) {
        return json -> {
            json.writeStartArray();
            for (int i = 0; i < quotes.size(); i++) {
                asset(quotes.get(i), i == 1 ? dropFieldsOfSecond : Set.of(), newFields).write(json);
            }
            json.writeEndArray();
        };
    }

    static Body asset(SimulatedMarket.Quote quote, Set<String> dropped, boolean newFields) {
        return json -> {
            ReferenceAsset asset = quote.asset();
            json.writeStartObject();
            json.writeStringField("id", asset.id());
            if (!dropped.contains("rank")) {
                json.writeStringField("rank", Integer.toString(quote.rank()));
            }
            json.writeStringField("symbol", asset.symbol());
            json.writeStringField("name", asset.name());
            number(json, "supply", quote.supply());
            if (asset.maxSupply() == null) {
                json.writeNullField("maxSupply");
            } else {
                number(json, "maxSupply", SimulatedMarket.decimal(asset.maxSupply()));
            }
            number(json, "marketCapUsd", quote.marketCapUsd());
            number(json, "volumeUsd24Hr", quote.volumeUsd24Hr());
            if (!dropped.contains("priceUsd")) {
                number(json, "priceUsd", quote.priceUsd());
            }
            number(json, "changePercent24Hr", quote.changePercent24Hr());
            number(json, "vwap24Hr", quote.vwap24Hr());
            if (newFields && asset.maxSupply() != null) {
                number(json, NEW_FIELD, quote.priceUsd().multiply(SimulatedMarket.decimal(asset.maxSupply()))
                        .setScale(SimulatedMarket.SCALE, RoundingMode.HALF_EVEN));
            }
            json.writeStringField("explorer", asset.explorer());
            json.writeObjectFieldStart("tokens");
            if (asset.token() != null) {
                json.writeArrayFieldStart("1"); // chain id 1: Ethereum mainnet
                json.writeString(asset.token());
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        };
    }

    static Body history(List<HistoryPoint> points) {
        return json -> {
            json.writeStartArray();
            for (HistoryPoint point : points) {
                json.writeStartObject();
                number(json, "priceUsd", point.priceUsd());
                json.writeNumberField("time", point.time().toEpochMilli());
                number(json, "circulatingSupply", point.circulatingSupply());
                json.writeStringField("date", HISTORY_DATE.format(point.time()));
                json.writeEndObject();
            }
            json.writeEndArray();
        };
    }

    private static void number(JsonGenerator json, String field, BigDecimal value) throws IOException {
        json.writeStringField(field, value.toPlainString());
    }
}
