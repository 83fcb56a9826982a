package org.casw.routes.delivery;

import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.IntakeSteps;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;

/**
 * One delivery route per partner, from its durable queue to its channel, plus the dead-letter route.
 * Retries are the broker's (redelivery delay and attempts per address), so they survive restarts.
 */
public class DeliveryRoutes extends RouteBuilder {

    /** Where the broker puts deliveries it gave up on. */
    public static final String DEAD_LETTERS = "sw.dlq";

    private final PartnerDirectory partners;
    private final DeliverySteps steps;
    private final int consumersPerPartner;
    private final Set<String> suspendedAtStart;

    /** @param suspendedAtStart parties whose delivery starts paused (agreement or operator), besides the agreement's flag */
    public DeliveryRoutes(PartnerDirectory partners, DeliverySteps steps, int consumersPerPartner, Set<String> suspendedAtStart) {
        this.partners = partners;
        this.steps = steps;
        this.consumersPerPartner = consumersPerPartner;
        this.suspendedAtStart = Set.copyOf(suspendedAtStart);
    }

    /** The route delivering to a party; operators stop and start it to suspend and resume the party. */
    public static String routeId(String partyId) {
        return "deliver-" + partyId;
    }

    @Override
    public void configure() {
        for (PartnerProfile partner : partners.all()) {
            // A local JMS transaction on a cached consumer. With Camel's lazily created transaction manager the
            // listener container caches nothing and opens a consumer (three blocking broker round trips) per message.
            // Nothing else joins this transaction: every channel commits its own send before DELIVERED is recorded.
            from("jms:queue:" + partner.deliveryQueue() + "?transacted=true&lazyCreateTransactionManager=false"
                    + "&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=" + consumersPerPartner)
                    .routeId(routeId(partner.id()))
                    // a suspended partner's documents wait in its queue until it is resumed
                    .autoStartup(!partner.suspended() && !suspendedAtStart.contains(partner.id()))
                    // for the log lines of its work (camel-mdc copies it, and the trackingId header, into the MDC)
                    .setProperty(IntakeSteps.LOGGED_PARTY, constant(partner.id()))
                    .process(steps.deliver(partner.id()));
        }

        from("jms:queue:" + DEAD_LETTERS + "?transacted=true").routeId("dead-letters")
                .process(steps.giveUp())
                .split(exchangeProperty(IntakeSteps.DISPATCHES)).stopOnException()
                    .to(IntakeRoute.DISPATCH)
                .end();
    }
}
