package io.coinlake.coincap;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.config.Secret;
import io.coinlake.json.RawJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoinCap API v3 over HTTP: the asset list (paged) and per-asset history, with retries for what
 * can pass (timeouts, 5xx, the per-minute 429) and an immediate, explained failure for what cannot
 * (401/403, spent credits, malformed bodies). The key travels only in the Authorization header and
 * is scrubbed from anything quoted back in an error.
 */
public final class CoinCapClient {
    private static final Logger LOG = LoggerFactory.getLogger(CoinCapClient.class);
    /** CoinCap's largest page. */
    public static final int MAX_PAGE = 2000;
    /** How CoinCap words a 429 for spent credits, as opposed to the per-minute limit. */
    private static final Pattern QUOTA_WORDING = Pattern.compile("credit|quota|monthly|plan limit", Pattern.CASE_INSENSITIVE);

    private final HttpClient http;
    private final String baseUrl;
    private final Secret apiKey;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    /** Waits between retries; tests may pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public CoinCapClient(String baseUrl, Secret apiKey, Duration timeout, RetryPolicy retry) {
        this(baseUrl, apiKey, timeout, retry, duration -> Thread.sleep(duration.toMillis()));
    }

    public CoinCapClient(String baseUrl, Secret apiKey, Duration timeout, RetryPolicy retry, Sleeper sleeper) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** One page of /assets, ranked by market cap. */
    public ApiResponse assets(int limit, int offset) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE);
        }
        return get("/assets?limit=" + limit + "&offset=" + offset);
    }

    /**
     * The top {@code count} assets, paging through /assets. A page shorter than asked means the
     * list has ended, so fewer than {@code count} may come back. Each response keeps its own
     * timestamp: pages are fetched moments apart.
     */
    public List<ApiResponse> topAssets(int count) {
        List<ApiResponse> pages = new ArrayList<>();
        int fetched = 0;
        while (fetched < count) {
            int limit = Math.min(MAX_PAGE, count - fetched);
            ApiResponse page = assets(limit, fetched);
            pages.add(page);
            fetched += page.items().size();
            if (page.items().size() < limit) {
                break;
            }
        }
        return pages;
    }

    /** /assets/{id}/history for [start, end) at interval h1 or d1. */
    public ApiResponse history(String assetId, String interval, Instant start, Instant end) {
        return get("/assets/" + assetId + "/history?interval=" + interval
                + "&start=" + start.toEpochMilli() + "&end=" + end.toEpochMilli());
    }

    /** The {@code id} of a raw /assets object. */
    public static String idOf(String rawAsset) {
        try {
            JsonNode id = RawJson.tree(rawAsset).get("id");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                throw new CoinCapException.BadResponse("CoinCap asset without an 'id': " + ResponseParser.excerpt(rawAsset));
            }
            return id.asText();
        } catch (IOException e) {
            throw new CoinCapException.BadResponse("CoinCap asset is not valid JSON: " + ResponseParser.excerpt(rawAsset));
        }
    }

    private ApiResponse get(String endpoint) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + endpoint))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey.reveal());
        }
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            Failure failure;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return ResponseParser.parse(endpoint, response.body());
                }
                failure = classify(endpoint, status, scrub(response.body()), retryAfter(response));
            } catch (IOException e) {
                failure = new Failure("no answer (" + describe(e) + ")", Optional.empty(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CoinCapException("Interrupted while calling CoinCap GET " + endpoint, e);
            }
            Duration delay = retry.delayBefore(attempt, failure.retryAfter(), ThreadLocalRandom.current()::nextDouble);
            if (!retry.allows(attempt, waited, delay)) {
                throw new CoinCapException.Unavailable("CoinCap GET " + endpoint + " failed " + attempt
                        + " time(s) over " + waited.toSeconds() + " s of retries; last: " + failure.reason()
                        + ". CoinCap may be down or rate-limiting: rerun later, or raise COINCAP_MAX_ATTEMPTS"
                        + " / COINCAP_RETRY_BUDGET_SECONDS.", failure.cause());
            }
            LOG.warn("CoinCap GET {}: {}; retry {}/{} in {} ms", endpoint, failure.reason(), attempt,
                    retry.maxAttempts() - 1, delay.toMillis());
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CoinCapException("Interrupted while waiting to retry CoinCap GET " + endpoint, e);
            }
            waited = waited.plus(delay);
        }
    }

    private record Failure(String reason, Optional<Duration> retryAfter, Throwable cause) {
    }

    /** Returns a retryable failure, or throws for a status that retrying cannot fix. */
    private Failure classify(String endpoint, int status, String body, Optional<Duration> retryAfter) {
        String said = ResponseParser.excerpt(body);
        if (status == 401 || status == 403) {
            throw new CoinCapException.Unauthorized("CoinCap refused the API key (HTTP " + status + ") for GET "
                    + endpoint + ": " + said + ". Check COINCAP_API_KEY, or unset it to use the offline simulator.");
        }
        if (status == 429 && QUOTA_WORDING.matcher(body).find()) {
            throw new CoinCapException.QuotaExhausted("CoinCap says this key's credits are used up (HTTP 429) for GET "
                    + endpoint + ": " + said + ". Not retried, to spend no more credits: wait for the quota to"
                    + " renew or use another plan.");
        }
        if (status == 429 || status == 408 || status >= 500) {
            return new Failure("HTTP " + status + " " + said, retryAfter, null);
        }
        throw new CoinCapException.Rejected("CoinCap rejected GET " + endpoint + " with HTTP " + status + ": " + said + ".");
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: fall back to our own backoff
            }
        });
    }

    /** Removes the key from text that is about to be quoted in a log or an exception. */
    private String scrub(String text) {
        return apiKey.isEmpty() ? text : text.replace(apiKey.reveal(), Secret.REDACTED);
    }

    private String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + scrub(e.getMessage()).toLowerCase(Locale.ROOT);
    }
}
