package io.coinlake.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coinlake.faults.Fault;
import io.coinlake.faults.FaultPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An offline CoinCap API v3 on 127.0.0.1: /assets (paging with limit and offset), /assets/{id}
 * and /assets/{id}/history (h1, d1), in CoinCap's JSON shapes, over {@link SimulatedMarket}.
 *
 * <p>Its clock can be set: the simulator then answers as CoinCap would have at that instant,
 * which is how the producer takes the snapshot of a past date offline. Faults from a
 * {@link FaultPlan} make every error path of a client testable against a real HTTP server.
 */
public final class CoinCapSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoinCapSimulator.class);
    public static final String BASE_PATH = "/v3";
    static final int MAX_LIMIT = 2000;
    static final int MAX_HISTORY_POINTS = 2000;
    /** Body of the quota fault; a client recognises exhausted credits by wording like this. */
    static final String QUOTA_MESSAGE = "Monthly API credits exhausted for this key. Upgrade your plan or wait for the next billing period.";

    private final HttpServer server;
    private final ExecutorService executor;
    private final SimulatedMarket market;
    private final FaultInjector faults = new FaultInjector();
    private final boolean newFields;
    private final AtomicReference<Instant> fixedNow = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final String requiredKey;
    private final Duration slowDelay;

    private CoinCapSimulator(Builder builder) throws IOException {
        this.market = new SimulatedMarket(builder.seed);
        this.requiredKey = builder.requiredKey;
        this.slowDelay = builder.slowDelay;
        this.newFields = builder.newFields;
        this.faults.add(builder.faults);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 0);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "coincap-simulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(BASE_PATH + "/assets", this::handle);
        server.start();
        LOG.info("CoinCap simulator serving SIMULATED market data (not real prices) at {}", baseUrl());
    }

    public static Builder builder() {
        return new Builder();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    /** Answer as CoinCap would have at {@code instant}; null returns to the system clock. */
    public void setTime(Instant instant) {
        fixedNow.set(instant);
    }

    public void inject(FaultPlan plan) {
        faults.add(plan);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Requests received so far, faulted or not: lets tests count retries. */
    public int requestCount() {
        return requests.get();
    }

    public SimulatedMarket market() {
        return market;
    }

    private Instant now() {
        Instant fixed = fixedNow.get();
        return fixed != null ? fixed : Instant.now();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Instant now = now();
            Response response = respond(exchange, now);
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client went away (e.g. it timed out on a slow response): nothing to answer.
            LOG.debug("simulator response not delivered: {}", e.toString());
        }
    }

    private record Response(int status, String body, Map<String, String> headers) {
        static Response json(int status, String body) {
            return new Response(status, body, Map.of());
        }
    }

    private Response respond(HttpExchange exchange, Instant now) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return Response.json(405, SimulatorJson.error("method not allowed", now));
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (faults.take(Fault.UNAUTHORIZED)
                || (requiredKey != null && !("Bearer " + requiredKey).equals(authorization))) {
            return Response.json(401, SimulatorJson.error("Invalid or missing API key", now));
        }
        if (faults.take(Fault.QUOTA_EXHAUSTED)) {
            return Response.json(429, SimulatorJson.error(QUOTA_MESSAGE, now));
        }
        if (faults.take(Fault.RATE_LIMIT)) {
            return new Response(429, SimulatorJson.error("Too many requests: per-minute rate limit reached", now),
                    Map.of("Retry-After", "1"));
        }
        if (faults.take(Fault.SERVER_ERROR)) {
            return Response.json(500, SimulatorJson.error("Internal Server Error", now));
        }
        if (faults.take(Fault.SLOW)) {
            sleep(slowDelay);
        }
        Response response = route(exchange, now);
        if (response.status() != 200) {
            return response;
        }
        return corrupt(response);
    }

    private Response corrupt(Response response) {
        if (faults.take(Fault.MALFORMED_JSON)) {
            return Response.json(200, "<html><body>502 Bad Gateway</body></html>");
        }
        if (faults.take(Fault.TRUNCATED_JSON)) {
            return Response.json(200, response.body().substring(0, response.body().length() / 2));
        }
        if (faults.take(Fault.MISSING_DATA)) {
            return Response.json(200, "{\"timestamp\":" + now().toEpochMilli() + "}");
        }
        return response;
    }

    private Response route(HttpExchange exchange, Instant now) {
        String path = exchange.getRequestURI().getPath().substring((BASE_PATH + "/assets").length());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String[] parts = path.isEmpty() || path.equals("/") ? new String[0] : path.substring(1).split("/");
        try {
            if (parts.length == 0) {
                return assets(query, now);
            }
            Optional<ReferenceAsset> asset = market.find(parts[0]);
            if (asset.isEmpty()) {
                return Response.json(404, SimulatorJson.error(parts[0] + " not found", now));
            }
            if (parts.length == 1) {
                SimulatedMarket.Quote quote = market.snapshot(now).stream()
                        .filter(q -> q.asset().equals(asset.get())).findFirst().orElseThrow();
                return Response.json(200, SimulatorJson.envelope(SimulatorJson.asset(quote, Set.of(), newFields), now));
            }
            if (parts.length == 2 && parts[1].equals("history")) {
                return history(asset.get(), query, now);
            }
            return Response.json(404, SimulatorJson.error("Not found", now));
        } catch (IllegalArgumentException e) {
            return Response.json(400, SimulatorJson.error(e.getMessage(), now));
        }
    }

    private Response assets(Map<String, String> query, Instant now) {
        int limit = intParam(query, "limit", 100);
        int offset = intParam(query, "offset", 0);
        if (limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit exceeds " + MAX_LIMIT);
        }
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset non-negative");
        }
        List<SimulatedMarket.Quote> page = market.snapshot(now, offset, limit);
        if (!page.isEmpty() && faults.take(Fault.DUPLICATED_ASSETS)) {
            page.add(page.get(0));
        }
        Set<String> dropped = page.size() > 1 && faults.take(Fault.MISSING_FIELDS)
                ? SimulatorJson.DROPPED_BY_MISSING_FIELDS : Set.of();
        return Response.json(200, SimulatorJson.envelope(SimulatorJson.assets(page, dropped, newFields), now));
    }

    private Response history(ReferenceAsset asset, Map<String, String> query, Instant now) {
        String interval = query.get("interval");
        if (interval == null) {
            throw new IllegalArgumentException("missing interval");
        }
        Duration step = switch (interval) {
            case "h1" -> Duration.ofHours(1);
            case "d1" -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("interval " + interval + " is not simulated: use h1 or d1");
        };
        Instant end = query.containsKey("end") ? Instant.ofEpochMilli(longParam(query, "end")) : now;
        Instant start = query.containsKey("start") ? Instant.ofEpochMilli(longParam(query, "start"))
                : end.minus(step.multipliedBy(interval.equals("h1") ? 24 : 30));
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start must be before end");
        }
        ChronoUnit unit = interval.equals("h1") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        Instant first = start.truncatedTo(unit);
        if (first.isBefore(start)) {
            first = first.plus(step);
        }
        List<SimulatorJson.HistoryPoint> points = new ArrayList<>();
        // A point covers [time, time + step): only completed periods up to "now" exist.
        for (Instant t = first; t.isBefore(end) && !t.plus(step).isAfter(now); t = t.plus(step)) {
            if (points.size() == MAX_HISTORY_POINTS) {
                throw new IllegalArgumentException("range exceeds " + MAX_HISTORY_POINTS + " points: narrow start and end");
            }
            points.add(unit == ChronoUnit.HOURS ? market.hourlyPoint(asset, t)
                    : market.dailyPoint(asset, LocalDate.ofInstant(t, ZoneOffset.UTC)));
        }
        return Response.json(200, SimulatorJson.envelope(SimulatorJson.history(points), now));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    private static int intParam(Map<String, String> query, String name, int defaultValue) {
        String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    private static long longParam(Map<String, String> query, String name) {
        try {
            return Long.parseLong(query.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be epoch milliseconds");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static final class Builder {
        private long seed = 20250101L;
        private int port;
        private String requiredKey;
        private Duration slowDelay = Duration.ofSeconds(30);
        private FaultPlan faults = FaultPlan.NONE;
        private boolean newFields;

        /** Same seed, same markets. The default is fixed so every install sees the same data. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** When set, requests without {@code Authorization: Bearer <key>} get 401, as on the real API. */
        public Builder requiredKey(String key) {
            this.requiredKey = key;
            return this;
        }

        public Builder slowDelay(Duration delay) {
            this.slowDelay = delay;
            return this;
        }

        /** Live assets also carry {@value SimulatorJson#NEW_FIELD}, a field the real API does not send (yet). */
        public Builder newFields(boolean on) {
            this.newFields = on;
            return this;
        }

        public Builder faults(FaultPlan plan) {
            this.faults = plan;
            return this;
        }

        public CoinCapSimulator start() throws IOException {
            return new CoinCapSimulator(this);
        }
    }
}
