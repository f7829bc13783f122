package io.coinlake.coincap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coinlake.config.Secret;
import io.coinlake.faults.FaultPlan;
import io.coinlake.simulator.CoinCapSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per fault class, each against the simulator over real HTTP, with the real key check on. */
class CoinCapClientFaultTest {
    private static final String KEY = "test-key-7f3a9c1e5b";
    private static CoinCapSimulator simulator;
    private final List<Duration> waits = new ArrayList<>();
    private CoinCapClient client;

    @BeforeAll
    static void start() throws Exception {
        simulator = CoinCapSimulator.builder().requiredKey(KEY).slowDelay(Duration.ofSeconds(3)).start();
        simulator.setTime(Instant.parse("2026-11-01T23:59:59.999Z"));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void newClient() {
        simulator.clearFaults();
        waits.clear();
        client = new CoinCapClient(simulator.baseUrl(), Secret.of(KEY), Duration.ofSeconds(1),
                RetryPolicy.standard(4, Duration.ofSeconds(60)), waits::add);
    }

    private int requestsDuring(Runnable call) {
        int before = simulator.requestCount();
        call.run();
        return simulator.requestCount() - before;
    }

    @Test
    void topAssetsPagesAndKeepsRawObjects() {
        List<ApiResponse> pages = client.topAssets(50);

        assertThat(pages).hasSize(1);
        assertThat(pages.get(0).items()).hasSize(50);
        assertThat(pages.get(0).endpoint()).isEqualTo("/assets?limit=50&offset=0");
        assertThat(pages.get(0).timestamp()).isEqualTo(Instant.parse("2026-11-01T23:59:59.999Z"));
        assertThat(CoinCapClient.idOf(pages.get(0).items().get(0))).isNotBlank();
    }

    @Test
    void rateLimitIsRetriedAfterTheServersRetryAfter() {
        simulator.inject(FaultPlan.parse("rate-limit:2"));

        int requests = requestsDuring(() -> assertThat(client.assets(5, 0).items()).hasSize(5));

        assertThat(requests).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoff() {
        simulator.inject(FaultPlan.parse("server-error:3"));

        int requests = requestsDuring(() -> assertThat(client.assets(5, 0).items()).hasSize(5));

        assertThat(requests).isEqualTo(4);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
    }

    @Test
    void persistentServerErrorsExhaustTheAttemptsWithAClearMessage() {
        simulator.inject(FaultPlan.parse("server-error:*"));

        assertThatThrownBy(() -> client.assets(5, 0))
                .isInstanceOf(CoinCapException.Unavailable.class)
                .hasMessageContaining("failed 4 time(s)")
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("COINCAP_MAX_ATTEMPTS");
    }

    @Test
    void timeoutIsRetried() {
        simulator.inject(FaultPlan.parse("slow"));

        int requests = requestsDuring(() -> assertThat(client.assets(3, 0).items()).hasSize(3));

        assertThat(requests).isEqualTo(2);
        assertThat(waits).hasSize(1);
    }

    @Test
    void exhaustedQuotaFailsAtOnceWithoutRetrying() {
        simulator.inject(FaultPlan.parse("quota-exhausted"));

        int before = simulator.requestCount();
        assertThatThrownBy(() -> client.assets(5, 0))
                .isInstanceOf(CoinCapException.QuotaExhausted.class)
                .hasMessageContaining("credits are used up")
                .hasMessageContaining("Not retried");
        assertThat(simulator.requestCount() - before).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void rejectedKeyFailsAtOnce() {
        CoinCapClient wrongKey = new CoinCapClient(simulator.baseUrl(), Secret.of("wrong-key-123"), Duration.ofSeconds(1),
                RetryPolicy.standard(4, Duration.ofSeconds(60)), waits::add);

        int before = simulator.requestCount();
        assertThatThrownBy(() -> wrongKey.assets(5, 0))
                .isInstanceOf(CoinCapException.Unauthorized.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("COINCAP_API_KEY")
                .hasMessageNotContaining("wrong-key-123");
        assertThat(simulator.requestCount() - before).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void malformedTruncatedAndDatalessBodiesFailWithAnExcerpt() {
        simulator.inject(FaultPlan.parse("malformed-json"));
        assertThatThrownBy(() -> client.assets(5, 0)).isInstanceOf(CoinCapException.BadResponse.class)
                .hasMessageContaining("<html>");
        simulator.inject(FaultPlan.parse("truncated-json"));
        assertThatThrownBy(() -> client.assets(5, 0)).isInstanceOf(CoinCapException.BadResponse.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("{\"data\":[{\"id\":");
        simulator.inject(FaultPlan.parse("missing-data"));
        assertThatThrownBy(() -> client.assets(5, 0)).isInstanceOf(CoinCapException.BadResponse.class)
                .hasMessageContaining("no 'data' field");
        assertThat(waits).isEmpty();
    }

    @Test
    void duplicatedAndIncompleteAssetsArePassedOnRaw() {
        simulator.inject(FaultPlan.parse("duplicated-assets,missing-fields"));

        List<String> items = client.assets(4, 0).items();

        assertThat(items).hasSize(5);
        assertThat(items.get(4)).isEqualTo(items.get(0));
        assertThat(items.get(1)).doesNotContain("\"priceUsd\"").doesNotContain("\"rank\"");
    }

    @Test
    void unknownAssetIsRejectedWithoutRetry() {
        assertThatThrownBy(() -> client.history("no-such-coin", "h1", Instant.parse("2026-11-01T23:00:00Z"),
                Instant.parse("2026-11-02T00:00:00Z")))
                .isInstanceOf(CoinCapException.Rejected.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("no-such-coin not found");
    }

    @Test
    void keyNeverReachesLogsOrExceptions() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        List<Throwable> failures = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String fault : List.of("server-error:*", "quota-exhausted", "unauthorized", "malformed-json", "rate-limit")) {
                simulator.clearFaults();
                simulator.inject(FaultPlan.parse(fault));
                try {
                    client.assets(5, 0);
                } catch (CoinCapException e) {
                    failures.add(e);
                }
            }
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);

        assertThat(logs).contains("retry").doesNotContain(KEY);
        assertThat(failures).hasSize(4).allSatisfy(failure -> {
            assertThat(failure.getMessage()).doesNotContain(KEY);
            assertThat(failure.toString()).doesNotContain(KEY);
        });
    }
}
