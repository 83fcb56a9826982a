package org.casw.gateway.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Health "cluster" (details for operators): this node, whether it leads, the nodes alive, whether they all run the same
 * partner agreements (a rolling change half-done), and the duties' last runs. UP while this node can reach the
 * database; a node that differs in its agreements still serves, so that is a detail, not DOWN.
 */
@Component("cluster")
public class ClusterHealth implements HealthIndicator {

    private final ClusterNode node;
    private final ClusterLeadership leadership;

    public ClusterHealth(ClusterNode node, ClusterLeadership leadership, MeterRegistry meters) {
        this.node = node;
        this.leadership = leadership;
        Gauge.builder("gateway.cluster.leader", leadership, l -> l.leading() ? 1 : 0)
                .description("1 on the node running the once-per-cluster duties, 0 on the others").register(meters);
    }

    @Override
    public Health health() {
        List<ClusterNode.Member> members = node.members();
        boolean sameAgreements = members.stream().allMatch(m -> m.agreementsDigest().equals(node.agreementsDigest()));
        Map<String, Object> duties = new LinkedHashMap<>();
        leadership.lastRuns().forEach((name, run) -> duties.put(name, run.succeeded() ? "ran " + run.at() : "failed " + run.at()
                + ": " + run.problem()));
        return Health.up()
                .withDetail("node", node.nodeId())
                .withDetail("leader", leadership.leading())
                .withDetail("nodes", members.stream().map(m -> Map.of("node", m.nodeId(), "version", m.version(),
                        "startedAt", m.startedAt().toString(), "sameAgreements", m.agreementsDigest().equals(node.agreementsDigest())))
                        .toList())
                .withDetail("agreementsAgree", sameAgreements)
                .withDetail("duties", duties)
                .build();
    }
}
