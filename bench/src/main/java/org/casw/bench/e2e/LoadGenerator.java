package org.casw.bench.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends declarations to one system and matches them with the partner's arrivals. Open loop: a fixed
 * offered rate, each message timed from its scheduled send time, so a stalled system is not hidden by
 * a waiting client. Closed loop: a fixed number of clients each sending the next as soon as the last
 * was answered, which finds the maximum.
 */
public final class LoadGenerator {

    private final HttpClient client;
    private final URI target;
    private final Map<String, String> headers;
    private final PartnerInbox partner;
    private final Declarations declarations;
    private final int maxInFlight;
    private final Duration drainTimeout;

    public LoadGenerator(URI target, Map<String, String> headers, PartnerInbox partner, Declarations declarations,
            int maxInFlight, Duration drainTimeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        this.target = target;
        this.headers = headers;
        this.partner = partner;
        this.declarations = declarations;
        this.maxInFlight = maxInFlight;
        this.drainTimeout = drainTimeout;
    }

    /** A message sent in a step: its key and when it was (meant to be) sent. */
    private record Sent(String clientSeqNo, long sentAt, long answeredAt) {
    }

    /** Outcome bookkeeping shared by a step's senders. */
    private static final class Tally {
        final Queue<Sent> accepted = new ConcurrentLinkedQueue<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicReference<String> firstError = new AtomicReference<>();

        void error(String what) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, what);
        }
    }

    private HttpRequest request(Declarations.Declaration declaration) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(declaration.body()));
        headers.forEach(builder::header);
        return builder.build();
    }

    /** Sends at {@code rate} messages/s for {@code duration}, then waits for the deliveries. */
    public StepResult openLoop(String system, double rate, Duration duration) throws InterruptedException {
        Tally tally = new Tally();
        Semaphore inFlight = new Semaphore(maxInFlight);
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (long i = 0; ; i++) {
            long due = start + i * periodNanos;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Declarations.Declaration declaration = declarations.next();
            tally.sent.incrementAndGet();
            if (!inFlight.tryAcquire()) {
                // the system is this far behind: count it instead of letting the client queue grow without bound
                tally.error("more than " + maxInFlight + " submissions outstanding");
                continue;
            }
            client.sendAsync(request(declaration), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                // record before releasing: the step ends once every permit is back, and must see this outcome
                record(tally, declaration, due, response, failure);
                inFlight.release();
            });
        }
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        return collect(system, String.format("%.0f/s", rate), rate, start, tally);
    }

    /** {@code clients} senders each waiting for its answer before the next, for {@code duration}. */
    public StepResult closedLoop(String system, int clients, Duration duration) throws InterruptedException {
        Tally tally = new Tally();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                try {
                    while (System.nanoTime() < end) {
                        Declarations.Declaration declaration = declarations.next();
                        tally.sent.incrementAndGet();
                        long sentAt = System.nanoTime();
                        try {
                            record(tally, declaration, sentAt, client.send(request(declaration), HttpResponse.BodyHandlers.ofString()), null);
                        } catch (Exception e) {
                            record(tally, declaration, sentAt, null, e);
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        return collect(system, "max (" + clients + " clients)", 0, start, tally);
    }

    private static void record(Tally tally, Declarations.Declaration declaration, long sentAt, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            tally.error(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        } else if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            tally.error("HTTP " + response.statusCode() + " " + body.substring(0, Math.min(160, body.length())));
        } else {
            tally.accepted.add(new Sent(declaration.clientSeqNo(), sentAt, System.nanoTime()));
        }
    }

    private StepResult collect(String system, String load, double offered, long start, Tally tally) throws InterruptedException {
        List<Sent> accepted = new ArrayList<>(tally.accepted);
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (System.nanoTime() < deadline && accepted.stream().anyMatch(s -> partner.arrival(s.clientSeqNo()) == null)) {
            Thread.sleep(50);
        }
        long[] latencies = new long[accepted.size()];
        long[] answers = accepted.stream().mapToLong(s -> s.answeredAt() - s.sentAt()).sorted().toArray();
        int delivered = 0;
        long lastArrival = start;
        for (Sent s : accepted) {
            Long arrival = partner.arrival(s.clientSeqNo());
            if (arrival != null) {
                latencies[delivered++] = arrival - s.sentAt();
                lastArrival = Math.max(lastArrival, arrival);
            }
        }
        long[] sorted = StepResult.sorted(java.util.Arrays.copyOf(latencies, delivered));
        double seconds = (lastArrival - start) / 1e9;
        double achieved = seconds > 0 ? delivered / seconds : 0;
        int undelivered = accepted.size() - delivered;
        String firstError = tally.firstError.get();
        if (firstError == null && undelivered > 0) {
            firstError = undelivered + " accepted but not delivered within " + drainTimeout.toSeconds() + " s";
        }
        return new StepResult(system, load, offered, tally.sent.get(), delivered, achieved,
                StepResult.percentile(sorted, 50), StepResult.percentile(sorted, 95), StepResult.percentile(sorted, 99),
                StepResult.percentile(sorted, 100), StepResult.percentile(answers, 50), StepResult.percentile(answers, 99),
                tally.errors.get(), undelivered, firstError);
    }
}
