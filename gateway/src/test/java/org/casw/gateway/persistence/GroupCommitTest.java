package org.casw.gateway.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit on a real PostgreSQL: writes queued while a group is being committed share the next transaction, each
 * caller gets its own result after that commit, a failing write fails alone, and a caller's own transaction is joined.
 */
class GroupCommitTest {

    @TempDir
    static Path temp;

    private static MigratedDatabase db;
    private static JdbcTemplate jdbc;
    private GroupCommit commits;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeAll
    static void startDatabase() throws IOException {
        // @TempDir is 0700; when the JVM is root the server runs as nobody and must be able to pass through it.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        db = MigratedDatabase.start(temp.resolve("pgdata"));
        jdbc = db.jdbc();
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void start() {
        jdbc.execute("drop table if exists lot");
        jdbc.execute("create table lot (no int primary key, txid bigint not null)");
        commits = new GroupCommit(db.tx(), 64);
    }

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        commits.destroy();
    }

    @Test
    void writesQueuedDuringACommitShareTheNextTransactionAndEachCallerGetsItsOwnResult() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Long> first = callers.submit(() -> commits.write(() -> {
            entered.countDown();
            hold(release); // holds the writer, as a slow commit would, while the others queue
            return insert(0);
        }));
        entered.await();
        List<Future<Long>> queued = new ArrayList<>();
        for (int no = 1; no <= 10; no++) {
            int lot = no;
            queued.add(callers.submit(() -> commits.write(() -> insert(lot))));
        }
        await().until(() -> commits.waiting() == 10);
        release.countDown();

        Set<Long> transactions = new HashSet<>();
        for (Future<Long> write : queued) {
            transactions.add(write.get());
        }
        assertThat(transactions).as("one transaction for the ten queued writes").hasSize(1).doesNotContain(first.get());
        assertThat(jdbc.queryForList("select no from lot order by no", Integer.class)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aFailingWriteFailsAloneAndTheOtherWritesOfItsGroupAreCommitted() throws Exception {
        insert(3); // lot 3 exists: writing it again breaks the primary key
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Long> first = callers.submit(() -> commits.write(() -> {
            entered.countDown();
            hold(release);
            return insert(0);
        }));
        entered.await();
        List<Future<Long>> queued = new ArrayList<>();
        for (int no = 1; no <= 5; no++) {
            int lot = no;
            queued.add(callers.submit(() -> commits.write(() -> insert(lot))));
        }
        await().until(() -> commits.waiting() == 5);
        release.countDown();

        assertThat(first.get()).isPositive();
        for (int i = 0; i < queued.size(); i++) {
            Future<Long> write = queued.get(i);
            if (i + 1 == 3) {
                assertThat(catchCause(write)).isInstanceOf(DuplicateKeyException.class);
            } else {
                assertThat(write.get()).isPositive();
            }
        }
        assertThat(jdbc.queryForList("select no from lot order by no", Integer.class)).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void twoNodesGroupsTakingTheSameRowsInOppositeOrdersNeitherDeadlockNorFallApart() throws Exception {
        // two nodes' group commits on one database: one marks messages queued while the other's consumer delivers them
        GroupCommit otherNode = new GroupCommit(db.tx(), 64);
        try {
            List<Integer> rows = new ArrayList<>();
            for (int no = 1; no <= 20; no++) {
                insert(no);
                rows.add(no);
            }
            CountDownLatch release = new CountDownLatch(1);
            List<Future<Long>> here = queueUpdates(commits, rows, release);
            List<Integer> downwards = new ArrayList<>(rows);
            Collections.reverse(downwards);
            List<Future<Long>> there = queueUpdates(otherNode, downwards, release);
            await().until(() -> commits.waiting() == rows.size() && otherNode.waiting() == rows.size());
            release.countDown(); // both groups start together, one walking the rows up, the other down

            // a deadlock would have rolled a group back and written its rows one by one, in as many transactions
            assertThat(transactionsOf(here)).as("this node's group committed whole").hasSize(1);
            assertThat(transactionsOf(there)).as("the other node's group committed whole").hasSize(1);
        } finally {
            otherNode.destroy();
        }
    }

    /** Holds the node's writer, then queues an update of each row in the given order (keyed by the row). */
    private List<Future<Long>> queueUpdates(GroupCommit node, List<Integer> rows, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        callers.submit(() -> node.write(() -> {
            entered.countDown();
            hold(release);
            return 0L;
        }));
        entered.await();
        List<Future<Long>> updates = new ArrayList<>();
        for (int no : rows) {
            updates.add(callers.submit(() -> node.write("lot-%02d".formatted(no), () -> jdbc.queryForObject(
                    "update lot set txid = txid_current() where no = ? returning txid", Long.class, no))));
            await().until(() -> node.waiting() == updates.size()); // queued in this order
        }
        return updates;
    }

    private static Set<Long> transactionsOf(List<Future<Long>> writes) throws Exception {
        Set<Long> transactions = new HashSet<>();
        for (Future<Long> write : writes) {
            transactions.add(write.get());
        }
        return transactions;
    }

    @Test
    void aWriteInsideTheCallersTransactionJoinsItAndRollsBackWithIt() {
        db.tx().executeWithoutResult(status -> {
            commits.write(() -> insert(7));
            status.setRollbackOnly(); // e.g. the caller's next statement failed
        });

        assertThat(jdbc.queryForObject("select count(*) from lot", Integer.class)).isZero();
    }

    @Test
    void afterClosingWritesAreStillCommittedByTheirCallers() throws InterruptedException {
        commits.destroy();

        commits.write(() -> insert(9));

        assertThat(jdbc.queryForList("select no from lot", Integer.class)).containsExactly(9);
    }

    /** Inserts a lot, answering the id of the transaction that wrote it. */
    private long insert(int no) {
        return jdbc.queryForObject("insert into lot (no, txid) values (?, txid_current()) returning txid", Long.class, no);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Throwable catchCause(Future<?> future) throws InterruptedException {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
