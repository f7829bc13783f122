package io.coinlake.coincap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real CoinCap responses in src/test/resources/coincap-samples (copied from shared/coincap-samples). */
public final class Samples {
    public static final String ASSETS_LIST = "assets-list-2021-10-26.json";
    public static final String BITCOIN_V3 = "asset-bitcoin-v3-2025-08-11.json";

    private Samples() {
    }

    public static String read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/coincap-samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource coincap-samples/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
