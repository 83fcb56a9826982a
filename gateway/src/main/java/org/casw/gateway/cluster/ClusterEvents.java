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

    /** An operator suspended a partner (the body names it). */
    static final String SUSPENDED = "suspended";
    /** An operator resumed a partner (the body names it). */
    static final String RESUMED = "resumed";

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);
    private static final String TOPIC = "jms:topic:" + BrokerLayout.CLUSTER_EVENTS;

    private final PartnerSuspensionSync suspensions;
    private final ProducerTemplate producer;

    public ClusterEvents(PartnerSuspensionSync suspensions, ProducerTemplate producer) {
        this.suspensions = suspensions;
        this.producer = producer;
    }

    /** After the operator's change is committed; a failure here only delays the other nodes until their heartbeat. */
    public void suspended(String partyId) {
        announce(SUSPENDED, partyId);
    }

    /** After the operator's change is committed (see {@link #suspended}). */
    public void resumed(String partyId) {
        announce(RESUMED, partyId);
    }

    private void announce(String event, String partyId) {
        try {
            producer.sendBodyAndHeader(TOPIC, partyId, "event", event);
        } catch (RuntimeException e) {
            log.warn("Could not tell the other nodes that {} was {} (they follow at their next heartbeat): {}", partyId, event,
                    e.getMessage());
        }
    }

    @Override
    public void configure() {
        from(TOPIC).routeId("cluster-events")
                .choice()
                    .when(header("event").isEqualTo(RESUMED))
                        .process(exchange -> suspensions.resumed(exchange.getMessage().getBody(String.class)))
                    .when(header("event").isEqualTo(SUSPENDED))
                        .process(exchange -> suspensions.reconcile())
                .end();
    }
}
