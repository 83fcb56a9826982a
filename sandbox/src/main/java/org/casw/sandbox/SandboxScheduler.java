package org.casw.sandbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/** One daemon thread per sandbox partner: its delayed answers, and late HTTP answers that hold no servlet thread. */
final class SandboxScheduler implements AutoCloseable {

    private final ScheduledExecutorService executor;

    SandboxScheduler(String name) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    void after(long millis, Runnable task) {
        if (!executor.isShutdown()) {
            // the task reports its own outcome (an answer, a submission); nobody waits on the future
            var unused = executor.schedule(task, Math.max(0, millis), TimeUnit.MILLISECONDS);
        }
    }

    /** An HTTP answer given now, or (timeout fault) only after {@code lateMillis}: later than the gateway waits. */
    DeferredResult<ResponseEntity<String>> answer(Supplier<ResponseEntity<String>> answer, long lateMillis) {
        DeferredResult<ResponseEntity<String>> result = new DeferredResult<>(lateMillis + 60_000L);
        if (lateMillis <= 0) {
            result.setResult(answer.get());
        } else {
            ResponseEntity<String> given = answer.get();
            after(lateMillis, () -> result.setResult(given));
        }
        return result;
    }

    /** A value given now, or only after {@code millis}: the plain-Java form of {@link #answer}, for the standalone window too. */
    <T> CompletableFuture<T> later(T value, long millis) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (millis <= 0) {
            result.complete(value);
        } else if (executor.isShutdown()) {
            result.cancel(false);
        } else {
            after(millis, () -> result.complete(value));
        }
        return result;
    }

    boolean stopped() {
        return executor.isShutdown();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
