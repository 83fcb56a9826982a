package org.casw.gateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.config.GatewayProperties;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This gateway process as the other nodes see it: a row in {@code cluster_node} it refreshes every heartbeat, with its
 * version and a digest of the partner agreements it runs, so operators see a node left behind by a rolling change.
 * Liveness is judged on the database's clock, so the nodes' own clocks need not agree.
 */
@Component
public class ClusterNode {

    /** A node that said it was alive within the timeout. */
    public record Member(String nodeId, Instant startedAt, Instant lastSeen, String version, String agreementsDigest) {
    }

    private final JdbcTemplate jdbc;
    private final String nodeId;
    private final Instant startedAt = Instant.now();
    private final String version;
    private final String agreementsDigest;
    private final long timeoutMillis;

    public ClusterNode(JdbcTemplate jdbc, GatewayProperties properties, Environment environment) {
        this.jdbc = jdbc;
        GatewayProperties.Cluster cluster = properties.cluster();
        this.nodeId = cluster.nodeId() != null && !cluster.nodeId().isBlank() ? cluster.nodeId() : defaultNodeId(environment);
        String implementation = GatewayApplication.class.getPackage().getImplementationVersion();
        this.version = implementation == null ? "development" : implementation;
        this.agreementsDigest = digest(properties.partners());
        this.timeoutMillis = cluster.nodeTimeout().toMillis();
        heartbeat(); // before the web server takes requests: a leader starting meanwhile sees this node alive
    }

    public String nodeId() {
        return nodeId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String agreementsDigest() {
        return agreementsDigest;
    }

    public void heartbeat() {
        jdbc.update("""
                insert into cluster_node (node_id, started_at, last_seen, version, agreements_digest) values (?, ?, now(), ?, ?)
                on conflict (node_id) do update set started_at = excluded.started_at, last_seen = excluded.last_seen,
                    version = excluded.version, agreements_digest = excluded.agreements_digest""",
                nodeId, java.sql.Timestamp.from(startedAt), version, agreementsDigest);
    }

    /** Every node alive, this one included, in the order they started. */
    public List<Member> members() {
        return jdbc.query("""
                select node_id, started_at, last_seen, version, agreements_digest from cluster_node
                where last_seen > now() - ? * interval '1 millisecond' order by started_at, node_id""",
                (rs, row) -> new Member(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5)), timeoutMillis);
    }

    public boolean othersAlive() {
        return members().stream().anyMatch(m -> !m.nodeId().equals(nodeId));
    }

    /** Rows of nodes gone for a week: names of pods and test ports that will not come back. */
    int forgetLongGone() {
        return jdbc.update("delete from cluster_node where last_seen < now() - interval '7 days'");
    }

    /** Host and HTTP port: unique on one machine, stable across restarts (a restarted node is the same node). */
    private static String defaultNodeId(Environment environment) {
        String port = environment.getProperty("server.port", "8080");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        // port 0 (tests) is a different port on every start
        return host + ":" + ("0".equals(port) ? UUID.randomUUID().toString().substring(0, 8) : port);
    }

    /** Over the bound agreements in party order: equal on nodes that read the same agreements. */
    static String digest(Map<String, GatewayProperties.Partner> partners) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(partners == null ? Map.of() : partners).forEach((party, agreement) ->
                    sha256.update((party + "=" + agreement + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
