package org.casw.gateway.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casw.gateway.reliability.GatewayProcess;
import org.casw.testsupport.Samples;

/**
 * A trade party submitting unique declarations at a steady rate to the gateway nodes "behind one address": each
 * document goes first to the next node in turn, and a call that fails in a way a client may retry (connection
 * refused or reset, a timeout, HTTP 429, 502, 503 or 504) is sent again, the same document with the same message id,
 * to the other node, as a load balancer with retries would. Any other refusal of these good documents is recorded
 * and the document given up: a test fails on it. Told to {@link #abandonCallsCutOff()}, it resends only what a node
 * cannot have taken in (connection refused, HTTP 429/502-504) and leaves a call cut off after it was sent (reset, no
 * answer) in doubt, as a load balancer that does not retry a POST (nginx's default) would: whatever the node stored of
 * such a document, the gateway must still finish.
 */
final class SteadyLoad implements AutoCloseable {

    static final String SENDER_KEY = "demo-enterprise-key";
    private static final Pattern TRACKING_ID = Pattern.compile("\"trackingId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final Duration BACK_OFF = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<GatewayProcess> nodes;
    private final String run;
    private volatile boolean abandonCallsCutOff;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService parties = Executors.newFixedThreadPool(8);
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Sender message id → tracking id, for each document the gateway answered 202 or 200. */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** Answers 200: a resend answered with the first tracking id (the gateway had stored the document already). */
    private final AtomicLong answeredAsResend = new AtomicLong();
    /** Calls refused in a way a client may retry, by reason. */
    private final Map<String, AtomicLong> refusedRetryable = new ConcurrentSkipListMap<>();
    /** The first answer of each retryable kind, for the report: what a party saw. */
    private final Map<String, String> refusalSamples = new ConcurrentSkipListMap<>();
    /** Calls refused in any other way: a good document must never be. */
    private final Map<String, String> refusedOther = new ConcurrentHashMap<>();
    /** Documents whose call was cut off and that the party did not resend (see {@link #abandonCallsCutOff()}). */
    private final Map<String, String> inDoubt = new ConcurrentHashMap<>();
    /** Documents being sent, by the index of the node the call is with. */
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();
    /** Documents still not accepted when the party's patience ran out. */
    private final Map<String, String> gaveUp = new ConcurrentHashMap<>();

    /** @param run a prefix making this run's message ids unique */
    SteadyLoad(List<GatewayProcess> nodes, String run) {
        this.nodes = List.copyOf(nodes);
        this.run = run;
    }

    /** From now on a call cut off after it was sent is not resent: its document stays in doubt. */
    SteadyLoad abandonCallsCutOff() {
        abandonCallsCutOff = true;
        return this;
    }

    /** Starts submitting {@code perSecond} new documents a second. */
    SteadyLoad start(int perSecond) {
        clock.scheduleAtFixedRate(() -> {
            int n = next.incrementAndGet();
            inFlight.incrementAndGet();
            parties.execute(() -> {
                try {
                    submit(run + "-" + n, n % nodes.size());
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return this;
    }

    /** Stops sending new documents and waits until every one sent so far is accepted, refused or given up. */
    void stop() throws InterruptedException {
        clock.shutdown();
        clock.awaitTermination(10, TimeUnit.SECONDS);
        parties.shutdown();
        if (!parties.awaitTermination(PATIENCE.toSeconds() + 60, TimeUnit.SECONDS)) {
            throw new AssertionError(inFlight.get() + " submissions still unanswered " + PATIENCE + " after the load stopped");
        }
    }

    int attempted() {
        return next.get();
    }

    int acceptedCount() {
        return accepted.size();
    }

    Map<String, String> accepted() {
        return Map.copyOf(accepted);
    }

    long answeredAsResend() {
        return answeredAsResend.get();
    }

    long refusedRetryable() {
        return refusedRetryable.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Retryable refusals by reason, e.g. {@code {HTTP 503=4, ConnectException=12}}. */
    String refusedRetryableByReason() {
        return refusedRetryable.toString();
    }

    /** The first answer of each retryable kind. */
    Map<String, String> refusalSamples() {
        return Map.copyOf(refusalSamples);
    }

    Map<String, String> refusedOther() {
        return Map.copyOf(refusedOther);
    }

    Map<String, String> inDoubt() {
        return Map.copyOf(inDoubt);
    }

    /** The documents whose call is with node {@code index} (from 0) now. */
    Set<String> pendingOn(int index) {
        Set<String> seqs = new HashSet<>();
        pending.forEach((seq, node) -> {
            if (node == index) {
                seqs.add(seq);
            }
        });
        return seqs;
    }

    Map<String, String> gaveUp() {
        return Map.copyOf(gaveUp);
    }

    /** The message ids this run used: its documents in the ledger are those with these ids. */
    String run() {
        return run;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        parties.shutdownNow();
    }

    private void submit(String seq, int firstNode) {
        try {
            send(seq, firstNode);
        } finally {
            pending.remove(seq);
        }
    }

    private void send(String seq, int firstNode) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int node = firstNode;
        String last = "never sent";
        while (System.nanoTime() < deadline) {
            try {
                pending.put(seq, node);
                HttpResponse<String> response = post(nodes.get(node), seq);
                int status = response.statusCode();
                if (status == 202 || status == 200) {
                    Matcher id = TRACKING_ID.matcher(response.body());
                    if (!id.find()) {
                        refusedOther.put(seq, "HTTP " + status + " without a tracking id: " + response.body());
                        return;
                    }
                    if (status == 200) {
                        answeredAsResend.incrementAndGet();
                    }
                    accepted.put(seq, id.group(1));
                    return;
                }
                if (!RETRYABLE.contains(status)) {
                    refusedOther.put(seq, "HTTP " + status + " from node " + (node + 1) + ": " + response.body());
                    return;
                }
                last = "HTTP " + status + " from node " + (node + 1) + ": " + response.body();
                refusedRetryable("HTTP " + status, last);
            } catch (IOException e) {
                // refused, reset or timed out: whether the node stored it is unknown, so the same document goes again
                last = e + " from node " + (node + 1);
                refusedRetryable(e.getClass().getSimpleName(), last);
                if (abandonCallsCutOff && !(e instanceof ConnectException)) {
                    inDoubt.put(seq, last);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                gaveUp.put(seq, "interrupted; last answer " + last);
                return;
            }
            node = (node + 1) % nodes.size();
            try {
                Thread.sleep(BACK_OFF.toMillis()); // a client's back-off before resending
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                gaveUp.put(seq, "interrupted; last answer " + last);
                return;
            }
        }
        gaveUp.put(seq, "not accepted within " + PATIENCE + "; last answer " + last);
    }

    private void refusedRetryable(String reason, String answer) {
        refusedRetryable.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        refusalSamples.putIfAbsent(reason, answer.length() > 300 ? answer.substring(0, 300) + "…" : answer);
    }

    private HttpResponse<String> post(GatewayProcess node, String seq) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/v1/messages"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/xml").header("Authorization", "Bearer " + SENDER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(Samples.declaration(seq), StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
