package org.casw.bench.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback partner both systems deliver to: answers 200 and records when each message arrived,
 * keyed by the declarant's ClientSeqNo (which the driver owns, so a delivery that beats the submit
 * answer still matches) and counting the distinct X-SW-Tracking-Id values it saw.
 */
public final class PartnerInbox implements AutoCloseable {

    private static final byte[] OPEN = "<ClientSeqNo>".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Map<String, Boolean> trackingIds = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final Map<String, Boolean> signatureMethods = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern SIGNATURE_METHOD =
            java.util.regex.Pattern.compile("SignatureMethod[^>]*Algorithm=\"([^\"]+)\"");

    public PartnerInbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/inbox", exchange -> {
            long now = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            deliveries.incrementAndGet();
            String tracking = exchange.getRequestHeaders().getFirst("X-SW-Tracking-Id");
            if (tracking != null) {
                trackingIds.put(tracking, Boolean.TRUE);
            }
            if (signatureMethods.size() < 8) {
                signatureMethods.put(signatureMethod(body), Boolean.TRUE);
            }
            String key = clientSeqNo(body);
            if (key == null) {
                unmatched.incrementAndGet();
            } else {
                arrivals.putIfAbsent(key, now);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(workers);
        server.start();
    }

    /** The URL to configure as the system's delivery address. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/inbox";
    }

    /** When the message with this ClientSeqNo first arrived (System.nanoTime), or null. */
    public Long arrival(String clientSeqNo) {
        return arrivals.get(clientSeqNo);
    }

    /**
     * Waits until no delivery has arrived for {@code quiet} (a previous step's backlog has drained), at most {@code limit}.
     */
    public void awaitQuiet(java.time.Duration quiet, java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long seen = deliveries.get();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < quiet.toNanos()) {
            Thread.sleep(100);
            long now = deliveries.get();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
    }

    public long deliveries() {
        return deliveries.get();
    }

    public int distinctTrackingIds() {
        return trackingIds.size();
    }

    /** Deliveries without a ClientSeqNo in their body: something other than our declarations. */
    public long unmatched() {
        return unmatched.get();
    }

    /** The XML-DSig SignatureMethods seen on deliveries (at most 8): which signing profile was measured. */
    public java.util.Set<String> signatureMethods() {
        return signatureMethods.keySet();
    }

    static String signatureMethod(byte[] body) {
        java.util.regex.Matcher m = SIGNATURE_METHOD.matcher(new String(body, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "(no XML-DSig SignatureMethod)";
    }

    static String clientSeqNo(byte[] body) {
        int at = indexOf(body, OPEN, 0);
        if (at < 0) {
            return null;
        }
        int start = at + OPEN.length;
        int end = start;
        while (end < body.length && body[end] != '<') {
            end++;
        }
        return new String(body, start, end - start, StandardCharsets.UTF_8).trim();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
