package org.casw.gateway.cluster;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.casw.gateway.broker.BrokerLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells every node at once that an operator changed something they all must follow: a message on the broker's
 * multicast address {@value BrokerLayout#CLUSTER_EVENTS}, read by each node through its own non-durable subscription.
 * The database stays the truth; a node that misses the message catches up at its next heartbeat.
 */
@Component
public class ClusterEvents extends RouteBuilder {

    /** The only event so far: suspensions changed (the body names the party, for the log). */
    static final String SUSPENSIONS_CHANGED = "suspensions-changed";

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);
    private static final String TOPIC = "jms:topic:" + BrokerLayout.CLUSTER_EVENTS;

    private final PartnerSuspensionSync suspensions;
    private final ProducerTemplate producer;

    public ClusterEvents(PartnerSuspensionSync suspensions, ProducerTemplate producer) {
        this.suspensions = suspensions;
        this.producer = producer;
    }

    /** After the operator's change is committed; a failure here only delays the other nodes until their heartbeat. */
    public void suspensionsChanged(String partyId) {
        try {
            producer.sendBodyAndHeader(TOPIC, partyId, "event", SUSPENSIONS_CHANGED);
        } catch (RuntimeException e) {
            log.warn("Could not tell the other nodes that {}'s suspension changed (they follow at their next heartbeat): {}",
                    partyId, e.getMessage());
        }
    }

    @Override
    public void configure() {
        from(TOPIC).routeId("cluster-events")
                .filter(header("event").isEqualTo(SUSPENSIONS_CHANGED))
                .process(exchange -> suspensions.reconcile());
    }
}
