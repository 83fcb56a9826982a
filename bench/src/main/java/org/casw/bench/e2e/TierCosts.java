package org.casw.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * CPU seconds used by each tier of a gateway cluster: every gateway node's JVM (one entry per node), the broker's JVM, and
 * PostgreSQL (its server and backends). A reading minus an earlier one is what a step used; divided by the messages it
 * delivered, the milliseconds per message each tier costs.
 */
public record TierCosts(List<Double> nodeSeconds, double brokerSeconds, double databaseSeconds) {

    public TierCosts {
        nodeSeconds = List.copyOf(nodeSeconds);
    }

    /** What was used since {@code before}, a reading of the same cluster. */
    public TierCosts since(TierCosts before) {
        if (before.nodeSeconds.size() != nodeSeconds.size()) {
            throw new IllegalArgumentException("readings of different clusters: " + before.nodeSeconds.size() + " and "
                    + nodeSeconds.size() + " nodes");
        }
        List<Double> nodes = new ArrayList<>();
        for (int i = 0; i < nodeSeconds.size(); i++) {
            nodes.add(nodeSeconds.get(i) - before.nodeSeconds.get(i));
        }
        return new TierCosts(nodes, brokerSeconds - before.brokerSeconds, databaseSeconds - before.databaseSeconds);
    }

    /** All gateway nodes together. */
    public double gatewaySeconds() {
        return nodeSeconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    public double totalSeconds() {
        return gatewaySeconds() + brokerSeconds + databaseSeconds;
    }

    /** Milliseconds of CPU per delivered message, NaN when nothing was delivered. */
    public static double msPerMessage(double seconds, int delivered) {
        return delivered > 0 ? seconds * 1000 / delivered : Double.NaN;
    }

    /** Each node's share of the gateway tier's CPU, in percent: a balancer spreading evenly shows equal shares. */
    public List<Double> nodeSharesPercent() {
        double all = gatewaySeconds();
        return nodeSeconds.stream().map(s -> all > 0 ? 100 * s / all : Double.NaN).toList();
    }
}
