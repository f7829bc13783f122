package io.coinlake.coincap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.json.RawJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    @Test
    void realAssetListKeepsEveryObjectByteForByte() throws Exception {
        String body = Samples.read(Samples.ASSETS_LIST);

        ApiResponse response = ResponseParser.parse("/assets?limit=10&offset=0", body);

        assertThat(response.timestamp()).isEqualTo(Instant.ofEpochMilli(1635293152930L));
        assertThat(response.items()).hasSize(10);
        int searchFrom = 0;
        for (String item : response.items()) {
            int at = body.indexOf(item, searchFrom);
            assertThat(at).as("item is an exact substring of the body, in order").isGreaterThanOrEqualTo(searchFrom);
            searchFrom = at + item.length();
        }
        assertThat(response.items().get(0)).startsWith("{\"id\":\"bitcoin\"")
                .contains("\"priceUsd\":\"60310.6888208343493939\"");
        assertThat(response.items().get(1)).contains("\"maxSupply\":null");
        assertThat(CoinCapClient.idOf(response.items().get(4))).isEqualTo("tether");
    }

    @Test
    void realV3AssetWithTokensIsOneItem() throws Exception {
        String body = Samples.read(Samples.BITCOIN_V3);

        ApiResponse response = ResponseParser.parse("/assets/bitcoin", body);

        assertThat(response.items()).singleElement().satisfies(item -> {
            assertThat(item).endsWith("\"tokens\":{}}");
            assertThat(body).contains(item);
            JsonNode json = RawJson.tree(item);
            assertThat(json.get("priceUsd").asText()).isEqualTo("119753.3173109070855685");
            assertThat(json.get("marketCapUsd").asText()).isEqualTo("2383681877354.6630183733449790");
        });
        assertThat(response.timestamp().toEpochMilli()).isEqualTo(1754937925536L);
    }

    @Test
    void missingDataMalformedAndTruncatedBodiesFailWithAnExcerpt() {
        assertThatThrownBy(() -> ResponseParser.parse("/assets", "{\"timestamp\":1}"))
                .isInstanceOf(CoinCapException.BadResponse.class)
                .hasMessageContaining("GET /assets has no 'data' field")
                .hasMessageContaining("'{\"timestamp\":1}'");
        assertThatThrownBy(() -> ResponseParser.parse("/assets", "<html>502</html>"))
                .isInstanceOf(CoinCapException.BadResponse.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("<html>502</html>");
        String truncated = Samples.read(Samples.ASSETS_LIST).substring(0, 700);
        assertThatThrownBy(() -> ResponseParser.parse("/assets", truncated))
                .isInstanceOf(CoinCapException.BadResponse.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("...' (700 chars)");
        assertThatThrownBy(() -> ResponseParser.parse("/assets", "{\"data\":\"x\",\"timestamp\":1}"))
                .hasMessageContaining("neither an object nor an array");
        assertThatThrownBy(() -> ResponseParser.parse("/assets", "{\"data\":[]}"))
                .hasMessageContaining("no numeric 'timestamp'");
    }
}
