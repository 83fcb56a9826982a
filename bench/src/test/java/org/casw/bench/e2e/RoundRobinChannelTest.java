package org.casw.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The cluster's load balancer: each node gets every N-th submission, in turn. */
class RoundRobinChannelTest {

    /** A node that remembers what it was sent. */
    private static final class Node implements Channel {
        final List<String> keys = new ArrayList<>();
        boolean closed;

        @Override
        public CompletableFuture<String> submit(Documents.Document document) {
            keys.add(document.key());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public String name() {
            return "HTTP";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void submissionsGoToTheNodesInTurnAndClosingClosesEveryNode() {
        Node a = new Node();
        Node b = new Node();
        Node c = new Node();
        try (RoundRobinChannel channel = new RoundRobinChannel(List.of(a, b, c))) {
            for (int i = 1; i <= 7; i++) {
                channel.submit(new Documents.Document("k" + i, new byte[0]));
            }
            assertEquals("HTTP round-robin over 3 nodes", channel.name());
        }
        assertEquals(List.of("k1", "k4", "k7"), a.keys);
        assertEquals(List.of("k2", "k5"), b.keys);
        assertEquals(List.of("k3", "k6"), c.keys);
        assertEquals(List.of(true, true, true), List.of(a.closed, b.closed, c.closed));
    }

    @Test
    void aBalancerWithoutNodesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RoundRobinChannel(List.of()));
    }
}
