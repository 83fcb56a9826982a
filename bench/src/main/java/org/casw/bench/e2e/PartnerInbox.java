package org.casw.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.sun.net.httpserver.HttpServer;

/**
 * The loopback partners a system delivers to, one path per receiving party ({@code /inbox/CN-CUSTOMS},
 * {@code /inbox/SG-NSW}): answers 200 and records when each document arrived, keyed by the driver's own key (the
 * only {@code BENCH-} token in a document: its ClientSeqNo, manifest MessageID or certificate number, which the
 * driver owns, so a delivery that beats the submit answer still matches, and which survives a translation), and
 * which XML-DSig SignatureMethods each receiver got (which signing profile was measured).
 */
public final class PartnerInbox implements AutoCloseable {

    private static final byte[] KEY = ">BENCH-".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern SIGNATURE_METHOD = Pattern.compile("SignatureMethod[^>]*Algorithm=\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Map<String, Boolean> trackingIds = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    /** "receiver key" of every delivery, to count a document delivered to the same receiver more than once. */
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    /** receiver -> signature method -> deliveries, since the last {@link #resetSignatures()}. */
    private final Map<String, Map<String, LongAdder>> signatures = new ConcurrentHashMap<>();
    /** receiver -> root element of what it got (tells a translation, e.g. EcoMessage for ASW-ECO), since the last reset. */
    private final Map<String, Map<String, LongAdder>> roots = new ConcurrentHashMap<>();
    private static final Pattern ROOT = Pattern.compile("<([A-Za-z_][\\w.:-]*)[\\s>/]");

    public PartnerInbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/inbox/", exchange -> {
            long now = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            deliveries.incrementAndGet();
            String receiver = exchange.getRequestURI().getPath().substring("/inbox/".length());
            String tracking = exchange.getRequestHeaders().getFirst("X-SW-Tracking-Id");
            if (tracking != null) {
                trackingIds.put(tracking, Boolean.TRUE);
            }
            signatures.computeIfAbsent(receiver, r -> new ConcurrentHashMap<>())
                    .computeIfAbsent(signatureMethod(body), m -> new LongAdder()).increment();
            roots.computeIfAbsent(receiver, r -> new ConcurrentHashMap<>()).computeIfAbsent(root(body), m -> new LongAdder()).increment();
            String key = key(body);
            if (key == null) {
                unmatched.incrementAndGet();
            } else {
                arrivals.putIfAbsent(key, now);
                if (!received.add(receiver + " " + key)) {
                    duplicates.incrementAndGet();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(workers);
        server.start();
    }

    /** The URL to configure as this receiving party's delivery address. */
    public String url(String receiver) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/inbox/" + receiver;
    }

    /** When the document with this key first arrived (System.nanoTime), or null. */
    public Long arrival(String key) {
        return arrivals.get(key);
    }

    /**
     * Waits until no delivery has arrived for {@code quiet} (a previous step's backlog has drained), at most {@code limit}.
     */
    public void awaitQuiet(Duration quiet, Duration limit) throws InterruptedException {
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

    /** Deliveries of a document its receiver already had (exactly once means none). */
    public long duplicates() {
        return duplicates.get();
    }

    /** Deliveries without a driver's key in their body: something other than the driver's documents. */
    public long unmatched() {
        return unmatched.get();
    }

    /** Starts a new tally of signature methods (at the start of a step). */
    public void resetSignatures() {
        signatures.clear();
        roots.clear();
    }

    /** The XML-DSig SignatureMethods each receiver got since the last reset, with counts. */
    public Map<String, Map<String, Long>> signatureMethods() {
        return counts(signatures);
    }

    /** The root elements (without prefix) each receiver got since the last reset, with counts. */
    public Map<String, Map<String, Long>> rootElements() {
        return counts(roots);
    }

    private static Map<String, Map<String, Long>> counts(Map<String, Map<String, LongAdder>> tally) {
        Map<String, Map<String, Long>> view = new TreeMap<>();
        tally.forEach((receiver, methods) -> {
            Map<String, Long> counts = new TreeMap<>();
            methods.forEach((method, n) -> counts.put(method, n.sum()));
            view.put(receiver, counts);
        });
        return view;
    }

    /** The document element's local name, skipping the XML declaration and comments. */
    static String root(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 2048), StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
        Matcher m = ROOT.matcher(head);
        if (!m.find()) {
            return "(not XML)";
        }
        String name = m.group(1);
        return name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
    }

    static String signatureMethod(byte[] body) {
        Matcher m = SIGNATURE_METHOD.matcher(new String(body, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "(no XML-DSig SignatureMethod)";
    }

    /** The driver's key in a delivered document: the text of the first element starting with BENCH-, or null. */
    static String key(byte[] body) {
        int at = indexOf(body, KEY, 0);
        if (at < 0) {
            return null;
        }
        int start = at + 1;
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
