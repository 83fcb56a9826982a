package org.casw.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one workload's documents to one system over its channel and matches them with the partner's arrivals. Open
 * loop: a fixed offered rate, each message timed from its scheduled send time, so a stalled system is not hidden by
 * a waiting client. Closed loop: a fixed number of clients each sending the next as soon as the last was answered
 * (HTTP 202, or the gateway receipt on the JMS reply address), which finds the maximum.
 */
public final class LoadGenerator {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Channel channel;
    private final PartnerInbox partner;
    private final Documents documents;
    private final String workload;
    private final int maxInFlight;
    private final Duration drainTimeout;

    public LoadGenerator(Channel channel, PartnerInbox partner, Documents documents, String workload, int maxInFlight,
            Duration drainTimeout) {
        this.channel = channel;
        this.partner = partner;
        this.documents = documents;
        this.workload = workload;
        this.maxInFlight = maxInFlight;
        this.drainTimeout = drainTimeout;
    }

    /** A message sent in a step: its key and when it was (meant to be) sent. */
    private record Sent(String key, long sentAt, long answeredAt) {
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
            Documents.Document document = documents.next();
            tally.sent.incrementAndGet();
            if (!inFlight.tryAcquire()) {
                // the system is this far behind: count it instead of letting the client queue grow without bound
                tally.error("more than " + maxInFlight + " submissions outstanding");
                continue;
            }
            // the callback records every outcome itself; the stage whenComplete returns has nothing more to say
            var unused = channel.submit(document).orTimeout(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((error, failure) -> {
                // record before releasing: the step ends once every permit is back, and must see this outcome
                record(tally, document, due, failure != null ? "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s" : error);
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
                        Documents.Document document = documents.next();
                        tally.sent.incrementAndGet();
                        long sentAt = System.nanoTime();
                        String error;
                        try {
                            error = channel.submit(document).get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (TimeoutException e) {
                            error = "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
                        } catch (ExecutionException e) {
                            error = String.valueOf(e.getCause());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        record(tally, document, sentAt, error);
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

    private static void record(Tally tally, Documents.Document document, long sentAt, String error) {
        if (error != null) {
            tally.error(error);
        } else {
            tally.accepted.add(new Sent(document.key(), sentAt, System.nanoTime()));
        }
    }

    private StepResult collect(String system, String load, double offered, long start, Tally tally) throws InterruptedException {
        List<Sent> accepted = new ArrayList<>(tally.accepted);
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (System.nanoTime() < deadline && accepted.stream().anyMatch(s -> partner.arrival(s.key()) == null)) {
            Thread.sleep(50);
        }
        long[] latencies = new long[accepted.size()];
        long[] answers = accepted.stream().mapToLong(s -> s.answeredAt() - s.sentAt()).sorted().toArray();
        int delivered = 0;
        long lastArrival = start;
        for (Sent s : accepted) {
            Long arrival = partner.arrival(s.key());
            if (arrival != null) {
                latencies[delivered++] = arrival - s.sentAt();
                lastArrival = Math.max(lastArrival, arrival);
            }
        }
        long[] sorted = StepResult.sorted(Arrays.copyOf(latencies, delivered));
        double seconds = (lastArrival - start) / 1e9;
        double achieved = seconds > 0 ? delivered / seconds : 0;
        int undelivered = accepted.size() - delivered;
        String firstError = tally.firstError.get();
        if (firstError == null && undelivered > 0) {
            firstError = undelivered + " accepted but not delivered within " + drainTimeout.toSeconds() + " s";
        }
        return new StepResult(system, workload, load, offered, tally.sent.get(), delivered, achieved,
                StepResult.percentile(sorted, 50), StepResult.percentile(sorted, 95), StepResult.percentile(sorted, 99),
                StepResult.percentile(sorted, 100), StepResult.percentile(answers, 50), StepResult.percentile(answers, 99),
                tally.errors.get(), undelivered, firstError, null, Double.NaN, Double.NaN, Double.NaN);
    }
}
