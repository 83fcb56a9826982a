package org.casw.bench.e2e;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Spreads submissions over several nodes' channels in turn, as a round-robin load balancer in front of them would. */
public final class RoundRobinChannel implements Channel {

    private final List<Channel> nodes;
    private final AtomicLong next = new AtomicLong();

    public RoundRobinChannel(List<Channel> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no node to submit to");
        }
        this.nodes = List.copyOf(nodes);
    }

    @Override
    public CompletableFuture<String> submit(Documents.Document document) {
        return nodes.get((int) (next.getAndIncrement() % nodes.size())).submit(document);
    }

    @Override
    public String name() {
        return nodes.get(0).name() + (nodes.size() > 1 ? " round-robin over " + nodes.size() + " nodes" : "");
    }

    @Override
    public void close() {
        nodes.forEach(Channel::close);
    }
}
