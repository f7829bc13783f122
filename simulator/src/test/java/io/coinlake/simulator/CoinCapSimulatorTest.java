package io.coinlake.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.faults.FaultPlan;
import io.coinlake.json.RawJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTP, read with a plain client: shapes, paging, history and faults. */
class CoinCapSimulatorTest {
    private static final Instant NOW = Instant.parse("2026-11-01T23:59:59.999Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static CoinCapSimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        simulator = CoinCapSimulator.builder().seed(11).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.clearFaults();
        simulator.setTime(NOW);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void assetsHaveCoinCapV3Shapes() throws Exception {
        HttpResponse<String> response = get("/assets?limit=3");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = RawJson.tree(response.body());
        assertThat(body.get("timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(body.get("data")).hasSize(3);
        JsonNode first = body.get("data").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "rank", "symbol", "name", "supply",
                "maxSupply", "marketCapUsd", "volumeUsd24Hr", "priceUsd", "changePercent24Hr", "vwap24Hr", "explorer", "tokens");
        assertThat(first.get("rank").asText()).isEqualTo("1");
        assertThat(first.get("priceUsd").asText()).matches("\\d+\\.\\d{16}");
        JsonNode twenty = RawJson.tree(get("/assets?limit=20").body()).get("data");
        assertThat(twenty).anyMatch(asset -> asset.get("maxSupply").isNull())
                .anyMatch(asset -> asset.get("tokens").size() > 0);
    }

    @Test
    void theNewFieldsSwitchAddsDilutedMarketCapToLiveAssetsThatHaveAMaxSupply() throws Exception {
        try (CoinCapSimulator next = CoinCapSimulator.builder().seed(11).newFields(true).start()) {
            next.setTime(NOW);
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(next.baseUrl() + "/assets?limit=20")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode assets = RawJson.tree(body).get("data");
            JsonNode bitcoin = assets.get(0);
            assertThat(bitcoin.fieldNames()).toIterable().containsSequence("vwap24Hr", "dilutedMarketCapUsd", "explorer");
            assertThat(bitcoin.get("dilutedMarketCapUsd").decimalValue()).isEqualByComparingTo(
                    bitcoin.get("priceUsd").decimalValue().multiply(bitcoin.get("maxSupply").decimalValue())
                            .setScale(16, java.math.RoundingMode.HALF_EVEN));
            assertThat(assets).filteredOn(asset -> asset.get("maxSupply").isNull()).isNotEmpty()
                    .allMatch(asset -> !asset.has("dilutedMarketCapUsd"));
            JsonNode before = RawJson.tree(get("/assets?limit=20").body()).get("data").get(0);
            assertThat(before.has("dilutedMarketCapUsd")).as("off by default").isFalse();
            assertThat(before.get("priceUsd")).as("the switch changes no other value").isEqualTo(bitcoin.get("priceUsd"));
        }
    }

    @Test
    void pagesFollowOnWithoutOverlapOverTwoThousandAssets() throws Exception {
        JsonNode all = RawJson.tree(get("/assets?limit=10&offset=0").body()).get("data");
        JsonNode second = RawJson.tree(get("/assets?limit=5&offset=5").body()).get("data");

        for (int i = 0; i < 5; i++) {
            assertThat(second.get(i)).isEqualTo(all.get(i + 5));
        }
        // CoinCap's one page of 2000 assets, and the last of them by offset.
        JsonNode full = RawJson.tree(get("/assets?limit=2000").body()).get("data");
        JsonNode last = RawJson.tree(get("/assets?limit=100&offset=1990").body()).get("data");
        assertThat(full).hasSize(2000);
        assertThat(full.get(1999).get("rank").asText()).isEqualTo("2000");
        assertThat(last).hasSize(10);
        assertThat(last.get(0)).isEqualTo(full.get(1990));
        assertThat(RawJson.tree(get("/assets?limit=10&offset=2000").body()).get("data")).isEmpty();
        assertThat(get("/assets?limit=2001").statusCode()).isEqualTo(400);
    }

    @Test
    void sameTimeGivesIdenticalBytes() throws Exception {
        String first = get("/assets?limit=50").body();
        simulator.setTime(NOW.plusSeconds(86_400));
        String otherDay = get("/assets?limit=50").body();
        simulator.setTime(NOW);

        assertThat(get("/assets?limit=50").body()).isEqualTo(first).isNotEqualTo(otherDay);
    }

    @Test
    void historyServesCompletedHourlyAndDailyPoints() throws Exception {
        long start = Instant.parse("2026-11-01T20:00:00Z").toEpochMilli();
        long end = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
        simulator.setTime(Instant.parse("2026-11-02T00:00:00Z"));

        JsonNode hourly = RawJson.tree(get("/assets/bitcoin/history?interval=h1&start=" + start + "&end=" + end).body()).get("data");

        assertThat(hourly).hasSize(4);
        assertThat(hourly.get(3).get("time").asLong()).isEqualTo(Instant.parse("2026-11-01T23:00:00Z").toEpochMilli());
        assertThat(hourly.get(3).get("date").asText()).isEqualTo("2026-11-01T23:00:00.000Z");
        assertThat(hourly.get(3).fieldNames()).toIterable().containsExactly("priceUsd", "time", "circulatingSupply", "date");

        JsonNode daily = RawJson.tree(get("/assets/ethereum/history?interval=d1&start="
                + Instant.parse("2026-10-01T00:00:00Z").toEpochMilli() + "&end=" + end).body()).get("data");
        assertThat(daily).hasSize(32);
        assertThat(get("/assets/bitcoin/history").statusCode()).isEqualTo(400);
        assertThat(get("/assets/not-a-coin/history?interval=h1").statusCode()).isEqualTo(404);
    }

    @Test
    void requiredKeyIsEnforcedLikeTheRealApi() throws Exception {
        try (CoinCapSimulator keyed = CoinCapSimulator.builder().requiredKey("k").start()) {
            HttpRequest withKey = HttpRequest.newBuilder(URI.create(keyed.baseUrl() + "/assets?limit=1"))
                    .header("Authorization", "Bearer k").build();
            HttpRequest withoutKey = HttpRequest.newBuilder(URI.create(keyed.baseUrl() + "/assets?limit=1")).build();

            assertThat(HTTP.send(withKey, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(HTTP.send(withoutKey, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void faultsHitTheNextRequestsOnlyAsOftenAsAsked() throws Exception {
        simulator.inject(FaultPlan.parse("server-error:2,rate-limit"));

        assertThat(get("/assets?limit=1").statusCode()).isEqualTo(429);
        HttpResponse<String> error = get("/assets?limit=1");
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(get("/assets?limit=1").statusCode()).isEqualTo(500);
        assertThat(get("/assets?limit=1").statusCode()).isEqualTo(200);
    }

    @Test
    void bodyFaultsCorruptTheAnswer() throws Exception {
        simulator.inject(FaultPlan.parse("duplicated-assets,missing-fields"));
        JsonNode data = RawJson.tree(get("/assets?limit=3").body()).get("data");

        assertThat(data).hasSize(4);
        assertThat(data.get(3)).isEqualTo(data.get(0));
        assertThat(data.get(1).has("priceUsd")).isFalse();
        assertThat(data.get(1).has("rank")).isFalse();

        simulator.inject(FaultPlan.parse("truncated-json"));
        String truncated = get("/assets?limit=3").body();
        assertThat(truncated).startsWith("{\"data\":[").doesNotEndWith("}");
    }
}
