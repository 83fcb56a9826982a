package org.casw.gateway.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.casw.routes.delivery.HttpChannel;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner's HTTP endpoint on loopback that behaves as the delivery contract asks: it keeps a document
 * once per {@code X-SW-Tracking-Id} and answers a repeat with 200 without keeping it again. It can be told to
 * hold the n-th POST unanswered, so a test can kill the gateway between delivery and acknowledgement.
 */
public final class PartnerInbox implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, byte[]> kept = new ConcurrentHashMap<>();
    private final List<String> posts = new CopyOnWriteArrayList<>();
    private final AtomicInteger postCount = new AtomicInteger();
    private volatile int holdPost;
    private volatile String held;
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    public PartnerInbox() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/inbox", this::receive);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/inbox";
    }

    /** The n-th POST (from 1) is kept but not answered until {@link #release()}. */
    void holdPost(int n) {
        holdPost = n;
    }

    /** Waits until the held POST arrived; returns its tracking id. */
    String awaitHeld(long seconds) throws InterruptedException {
        if (!holding.await(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("no POST number " + holdPost + " arrived within " + seconds + " s (" + postCount.get() + " arrived)");
        }
        return held;
    }

    void release() {
        release.countDown();
    }

    /** What the partner keeps: one document per tracking id. */
    public Map<String, byte[]> kept() {
        return Map.copyOf(kept);
    }

    /** How often the gateway POSTed this tracking id (a repeat is allowed by the contract; the partner drops it). */
    public long posts(String trackingId) {
        return posts.stream().filter(trackingId::equals).count();
    }

    /** Every POST that reached the partner, repeats included. */
    public int postCount() {
        return postCount.get();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String trackingId = exchange.getRequestHeaders().getFirst(HttpChannel.TRACKING_HEADER);
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (trackingId == null) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            posts.add(trackingId);
            byte[] first = kept.putIfAbsent(trackingId, body);
            if (first != null && !java.util.Arrays.equals(first, body)) {
                // the same tracking id must always carry the same document
                kept.put(trackingId + "#conflict", body);
            }
            if (postCount.incrementAndGet() == holdPost) {
                held = trackingId;
                holding.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException e) {
            // the gateway died while we held its request: nobody to answer
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
