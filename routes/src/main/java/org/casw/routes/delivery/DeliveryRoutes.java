package org.casw.routes.delivery;

import org.apache.camel.builder.RouteBuilder;
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

    public DeliveryRoutes(PartnerDirectory partners, DeliverySteps steps, int consumersPerPartner) {
        this.partners = partners;
        this.steps = steps;
        this.consumersPerPartner = consumersPerPartner;
    }

    @Override
    public void configure() {
        for (PartnerProfile partner : partners.all()) {
            from("jms:queue:" + partner.deliveryQueue() + "?transacted=true&concurrentConsumers=" + consumersPerPartner)
                    .routeId("deliver-" + partner.id())
                    // a suspended partner's documents wait in its queue until it is resumed
                    .autoStartup(!partner.suspended())
                    .process(steps.deliver(partner.id()));
        }

        from("jms:queue:" + DEAD_LETTERS + "?transacted=true").routeId("dead-letters")
                .process(steps.giveUp());
    }
}
