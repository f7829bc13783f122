package io.coinlake.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds ports for services started side by side (tests, or a second stack on one machine). */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port p such that p and p + 1 are both free on 127.0.0.1 right now (the broker needs both). */
    public static int pair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = first.getLocalPort();
            }
            if (port < 65535 && isFree(port + 1)) {
                return port;
            }
        }
        throw new IOException("Found no two adjacent free ports on 127.0.0.1");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
