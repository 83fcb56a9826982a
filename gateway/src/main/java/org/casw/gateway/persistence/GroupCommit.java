package org.casw.gateway.persistence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for the ledger: the writes of concurrent messages run one after another in one transaction on one
 * connection, so one commit (one WAL flush, one BEGIN/COMMIT) covers them all, and each caller returns only once the
 * commit holding its write is done: a document is still stored before it is answered.
 *
 * <p>A batch in which any write fails is rolled back whole, and its writes are run again one by one, each in its own
 * transaction: one message's failure (a constraint, a lock timeout) never fails another's. A write made inside a
 * transaction the caller already holds joins that transaction instead, so it stays atomic with the caller's other work.
 *
 * <p>A write names the row it locks (a message's tracking id), and a batch runs its writes in the order of those rows.
 * Several nodes commit groups against one database, and one node's consumer may update a message while the node that
 * queued it marks it queued: batches taking the same rows in different orders would deadlock, and PostgreSQL would find
 * that only after {@code deadlock_timeout} (1 s), stalling both groups. Taken in one order, they only wait their turn.
 */
@Component
public final class GroupCommit implements DisposableBean {

    /** Enough to cover both cores' worth of concurrent submissions and deliveries; small enough to hold locks briefly. */
    private static final int MAX_BATCH = 64;

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** Writes on rows in one order everywhere; those that name none (new rows) first, each group in arrival order. */
    private static final Comparator<Write<?>> ROW_ORDER = Comparator.comparing(w -> w.row,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    private final TransactionTemplate tx;
    private final int maxBatch;
    private final BlockingQueue<Write<?>> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    @Autowired
    public GroupCommit(TransactionTemplate tx) {
        this(tx, MAX_BATCH);
    }

    /** @param maxBatch at most this many writes share a commit (bounds the time a batch holds its row locks) */
    public GroupCommit(TransactionTemplate tx, int maxBatch) {
        this.tx = tx;
        this.maxBatch = maxBatch;
        this.writer = new Thread(this::run, "ledger-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Runs {@code work}, which locks no existing row (it inserts new ones), in the next group transaction and returns its
     * result once that transaction has committed.
     */
    public <T> T write(Supplier<T> work) {
        return write(null, work);
    }

    /**
     * As {@link #write(Supplier)} for work that locks the row {@code row} names (e.g. a message's tracking id); the
     * group takes its rows in the order of these names.
     */
    public <T> T write(String row, Supplier<T> work) {
        if (closed || Thread.currentThread() == writer || TransactionSynchronizationManager.isActualTransactionActive()) {
            return tx.execute(status -> work.get());
        }
        Write<T> write = new Write<>(row, work);
        pending.add(write);
        if (closed && pending.remove(write)) {
            return tx.execute(status -> work.get()); // the writer may have stopped before it saw this write
        }
        return write.await();
    }

    /** As {@link #write(String, Supplier)} for work without a result. */
    public void run(String row, Runnable work) {
        write(row, () -> {
            work.run();
            return null;
        });
    }

    /** Writes queued for the next group (not those of the group being committed). */
    int waiting() {
        return pending.size();
    }

    private void run() {
        List<Write<?>> batch = new ArrayList<>(maxBatch);
        while (!closed || !pending.isEmpty()) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
                continue;
            }
            pending.drainTo(batch, maxBatch - 1);
            commit(batch);
            batch.clear();
        }
        // closing: what was queued before the callers saw it is written here, each alone
        List<Write<?>> left = new ArrayList<>();
        pending.drainTo(left);
        left.forEach(this::alone);
    }

    private void commit(List<Write<?>> batch) {
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        batch.sort(ROW_ORDER); // stable: one message's writes keep their order
        List<Object> results = new ArrayList<>(batch.size());
        try {
            tx.executeWithoutResult(status -> {
                for (Write<?> write : batch) {
                    results.add(write.work.get());
                }
            });
        } catch (RuntimeException | Error e) {
            log.debug("A group of {} ledger writes failed ({}); writing each alone", batch.size(), e.toString());
            batch.forEach(this::alone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done(results.get(i));
        }
    }

    private void alone(Write<?> write) {
        try {
            write.done(tx.execute(status -> write.work.get()));
        } catch (RuntimeException | Error e) {
            write.result.completeExceptionally(e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        closed = true;
        writer.interrupt(); // wakes it when idle; a batch under way is finished first (JDBC I/O is not interruptible)
        writer.join(10_000);
    }

    /** One caller's write and the answer it waits for. */
    private static final class Write<T> {

        final String row;
        final Supplier<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Write(String row, Supplier<T> work) {
            this.row = row;
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        void done(Object value) {
            result.complete((T) value);
        }

        T await() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return result.get();
                    } catch (InterruptedException e) {
                        interrupted = true; // the write is in a batch already: its caller must learn how it ended
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        if (e.getCause() instanceof Error error) {
                            throw error;
                        }
                        throw new IllegalStateException(e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
