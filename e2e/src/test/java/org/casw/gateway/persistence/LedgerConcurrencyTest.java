package org.casw.gateway.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many callers reading messages at once never exhaust the connection pool: a read holds one connection
 * at a time (reading keys and history from inside the row mapper once held two and deadlocked the pool).
 */
class LedgerConcurrencyTest extends GatewayIntegrationTest {

    @Autowired
    JdbcMessageLedger ledger;

    @Test
    void farMoreConcurrentReadsThanPooledConnectionsAllComplete() throws Exception {
        String trackingId = json(postXml(ENTERPRISE_KEY, Samples.declaration("CONCURRENT-READS-1"))).get("trackingId").asText();
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try {
            List<Future<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                reads.add(callers.submit(() -> {
                    int found = 0;
                    for (int n = 0; n < 20; n++) {
                        found += ledger.find(trackingId).map(m -> m.history().isEmpty() ? 0 : 1).orElse(0);
                    }
                    return found;
                }));
            }
            for (Future<Integer> read : reads) {
                assertThat(read.get()).isEqualTo(20);
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
