package io.coinlake.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds ports for services started side by side (tests, or a second stack on one machine). */
public final class FreePorts {
    /**
     * Below Linux's ephemeral range (32768-60999): a port the OS handed out with bind(0) may be
     * taken again by any outgoing connection before the service binds it; these are not.
     */
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    private FreePorts() {
    }

    /** A port p such that p and p + 1 are both free on 127.0.0.1 right now (the broker needs both). */
    public static int pair() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (isFree(port) && isFree(port + 1)) {
                return port;
            }
        }
        throw new IOException("Found no two adjacent free ports on 127.0.0.1 between " + LOW + " and " + HIGH);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
