package io.coinlake.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy between an S3 client and a real S3 API server that injects the faults a real
 * store shows: refused connections, 5xx answers to uploads, connections reset in the middle of a
 * request body, and answers slower than the client's timeout. Each request goes upstream on its
 * own connection, so a fault switched on applies from the next request.
 */
public final class FaultyS3Proxy implements AutoCloseable {
    /** What the proxy does to the requests it receives. */
    public sealed interface Fault {
        /** Forward everything. */
        record None() implements Fault { }

        /** The store is down: every connection is reset as soon as it is accepted. */
        record Down() implements Fault { }

        /** Every upload (PUT) is answered with this status and an S3 error body, and not forwarded. */
        record FailUploads(int status) implements Fault { }

        /** Every upload is forwarded with half of its body, then both connections are reset. */
        record ResetUploadMidBody() implements Fault { }

        /** Every answer is held back this long before it is passed on. */
        record SlowAnswers(long delayMillis) implements Fault { }
    }

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket listener;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faulty-s3-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Fault fault = new Fault.None();
    private final AtomicInteger faultedRequests = new AtomicInteger();

    public FaultyS3Proxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        connections.execute(this::acceptLoop);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    public void fault(Fault next) {
        fault = next;
    }

    /** Requests that met a fault since the proxy started: a test checks its fault really happened. */
    public int faultedRequests() {
        return faultedRequests.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.execute(() -> serve(client));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("[faulty s3 proxy] accept failed: " + e);
                }
            }
        }
    }

    /** Serves one request: its upstream connection and the client's are closed after the answer. */
    private void serve(Socket client) {
        try (client) {
            InputStream fromClient = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            Request request = Request.read(fromClient);
            if (request == null) {
                return;
            }
            Fault now = fault;
            if (now instanceof Fault.Down) {
                faultedRequests.incrementAndGet();
                reset(client);
                return;
            }
            boolean upload = request.method.equals("PUT");
            if (upload && now instanceof Fault.FailUploads failing) {
                faultedRequests.incrementAndGet();
                answerError(toClient, failing.status());
                return;
            }
            if (request.expectsContinue) {
                toClient.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
            }
            byte[] body = fromClient.readNBytes(request.contentLength);
            if (body.length < request.contentLength) {
                return;
            }
            try (Socket upstream = new Socket(upstreamHost, upstreamPort)) {
                OutputStream toServer = upstream.getOutputStream();
                toServer.write(request.forwardedHead());
                if (upload && now instanceof Fault.ResetUploadMidBody) {
                    faultedRequests.incrementAndGet();
                    toServer.write(body, 0, body.length / 2);
                    toServer.flush();
                    reset(upstream);
                    reset(client);
                    return;
                }
                toServer.write(body);
                toServer.flush();
                if (now instanceof Fault.SlowAnswers slow) {
                    faultedRequests.incrementAndGet();
                    Thread.sleep(slow.delayMillis());
                }
                upstream.getInputStream().transferTo(toClient);
                toClient.flush();
            }
        } catch (SocketException e) {
            // The client gave up on this connection (its timeout), which is what some faults cause.
        } catch (IOException e) {
            System.err.println("[faulty s3 proxy] " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answerError(OutputStream toClient, int status) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + (status == 503 ? "SlowDown" : "InternalError")
                + "</Code><Message>injected by the test's fault proxy</Message></Error>").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " Injected\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        toClient.write(head.getBytes(StandardCharsets.US_ASCII));
        toClient.write(body);
        toClient.flush();
    }

    /** Closes with a TCP reset instead of an orderly close, as a crashed peer or a middlebox does. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        connections.shutdownNow();
    }

    /** One request's head as the client sent it, and what of it the server gets. */
    private record Request(String method, List<String> headLines, int contentLength, boolean expectsContinue) {
        private static final int END_OF_HEAD = ('\r' << 24) | ('\n' << 16) | ('\r' << 8) | '\n';

        static Request read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int lastFour = 0;
            int next;
            while (lastFour != END_OF_HEAD && (next = in.read()) >= 0) {
                head.write(next);
                lastFour = (lastFour << 8) | next;
            }
            if (lastFour != END_OF_HEAD) {
                return null;
            }
            List<String> lines = new ArrayList<>(List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n")));
            String method = lines.get(0).split(" ", 2)[0];
            int length = 0;
            boolean expectsContinue = false;
            List<String> forwarded = new ArrayList<>();
            forwarded.add(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                String name = line.substring(0, Math.max(line.indexOf(':'), 0)).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).trim();
                switch (name) {
                    case "content-length" -> {
                        length = Integer.parseInt(value);
                        forwarded.add(line);
                    }
                    case "transfer-encoding" -> throw new IOException("chunked request bodies are not supported: " + line);
                    case "expect" -> expectsContinue = value.equalsIgnoreCase("100-continue");
                    case "connection" -> { }
                    default -> forwarded.add(line);
                }
            }
            forwarded.add("Connection: close");
            return new Request(method, forwarded, length, expectsContinue);
        }

        byte[] forwardedHead() {
            return (String.join("\r\n", headLines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
