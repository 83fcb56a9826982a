package org.casw.gateway.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Control references in a real PostgreSQL with the gateway's migrations: unique per recipient under concurrent
 * callers, counting on after a restart, and never handed out twice when a caller's transaction rolls back.
 */
class JdbcControlReferencesTest {

    @TempDir
    Path temp;

    @BeforeEach
    void letTheServerUserIn() throws IOException {
        // @TempDir is 0700; when the JVM is root the server runs as nobody and must be able to pass through it.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void concurrentCallersForOneRecipientEachGetTheirOwnReference() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.start(temp.resolve("pgdata"))) {
            JdbcControlReferences references = new JdbcControlReferences(db.jdbc(), db.transactions);
            int callers = 8;
            int each = 50;
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int c = 0; c < callers; c++) {
                    String other = "OTHER-" + c % 2;
                    results.add(pool.submit(() -> {
                        start.await();
                        List<String> mine = new ArrayList<>();
                        for (int n = 0; n < each; n++) {
                            mine.add(references.next("8850000000017"));
                            references.next(other); // interleaved with other recipients' references
                        }
                        return mine;
                    }));
                }
                start.countDown();
                List<String> all = new ArrayList<>();
                for (Future<List<String>> result : results) {
                    all.addAll(result.get());
                }

                assertThat(all).hasSize(callers * each).doesNotHaveDuplicates();
                assertThat(all.stream().map(Long::valueOf).collect(Collectors.toSet()))
                        .isEqualTo(LongStream.rangeClosed(1, callers * each).boxed().collect(Collectors.toSet()));
                assertThat(references.next("OTHER-0")).isEqualTo(String.valueOf(callers / 2 * each + 1));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void referencesCountOnAfterARestartAndEachRecipientHasItsOwnCount() {
        Path data = temp.resolve("pgdata");
        Set<String> beforeRestart = new HashSet<>();
        try (MigratedDatabase db = MigratedDatabase.start(data)) {
            JdbcControlReferences references = new JdbcControlReferences(db.jdbc(), db.transactions);
            for (int n = 0; n < 3; n++) {
                beforeRestart.add(references.next("CN-CUSTOMS-7205"));
            }
        }
        try (MigratedDatabase db = MigratedDatabase.start(data)) {
            JdbcControlReferences afterRestart = new JdbcControlReferences(db.jdbc(), db.transactions);

            assertThat(beforeRestart).containsExactlyInAnyOrder("1", "2", "3");
            assertThat(afterRestart.next("CN-CUSTOMS-7205")).isEqualTo("4");
            assertThat(afterRestart.next("THLCH-TERMINAL")).isEqualTo("1");
        }
    }

    @Test
    void aReferenceTakenInsideATransactionThatRollsBackIsNotHandedOutAgain() {
        try (MigratedDatabase db = MigratedDatabase.start(temp.resolve("pgdata"))) {
            JdbcControlReferences references = new JdbcControlReferences(db.jdbc(), db.transactions);
            TransactionTemplate caller = new TransactionTemplate(db.transactions);

            String taken = caller.execute(status -> {
                String reference = references.next("MYPKG-TERMINAL");
                status.setRollbackOnly(); // e.g. the delivery failed after the interchange was written
                return reference;
            });

            assertThat(taken).isEqualTo("1");
            assertThat(references.next("MYPKG-TERMINAL")).isEqualTo("2");
        }
    }
}
