package org.casw.gateway.as4;

import java.time.Duration;
import org.casw.gateway.cluster.ClusterDuty;
import org.casw.gateway.config.GatewayProperties;
import org.springframework.stereotype.Component;

/**
 * Forgets received AS4 message ids after {@code gateway.as4.duplicate-retention} (the whole retry horizon of any
 * partner), hourly, on the node that leads the cluster: the ids are in PostgreSQL, shared by every node.
 */
@Component
public class As4DuplicateRetention implements ClusterDuty {

    private final JdbcAs4DuplicateManager duplicates;
    private final Duration retention;

    public As4DuplicateRetention(As4Ledger ledger, GatewayProperties properties) {
        this.duplicates = new JdbcAs4DuplicateManager(ledger);
        this.retention = properties.as4() == null ? Duration.ofDays(30) : properties.as4().duplicateRetention();
    }

    @Override
    public String name() {
        return "as4-duplicate-retention";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void perform() {
        As4Engine.forgetExpired(duplicates, retention);
    }
}
