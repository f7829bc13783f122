package io.coinlake.coincap;

import java.time.Instant;
import java.util.List;

/**
 * A successful CoinCap response with its {@code data} items kept as raw JSON text.
 *
 * @param endpoint  path and query relative to the base URL, e.g. {@code /assets?limit=20&offset=0}
 * @param timestamp the response's own {@code timestamp}
 * @param items     each object of {@code data} exactly as sent (one item when data is an object)
 */
public record ApiResponse(String endpoint, Instant timestamp, List<String> items) {
    public ApiResponse {
        items = List.copyOf(items);
    }
}
