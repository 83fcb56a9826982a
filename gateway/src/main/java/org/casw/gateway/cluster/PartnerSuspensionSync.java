package org.casw.gateway.cluster;

import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.delivery.DeliveryRoutes;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes this node's deliveries follow the suspensions in the database, whichever node an operator used: a suspended
 * partner's delivery route stopped (its documents wait in its queue), a resumed one started. Run when a node announces
 * a change ({@link ClusterEvents}) and at every heartbeat, in case an announcement was lost with a broker failover.
 */
@Component
public class PartnerSuspensionSync {

    private static final Logger log = LoggerFactory.getLogger(PartnerSuspensionSync.class);

    private final PartnerSuspensions suspensions;
    private final PartnerDirectory partners;
    private final CamelContext camel;

    public PartnerSuspensionSync(PartnerSuspensions suspensions, PartnerDirectory partners, CamelContext camel) {
        this.suspensions = suspensions;
        this.partners = partners;
        this.camel = camel;
    }

    public synchronized void reconcile() throws Exception {
        Set<String> suspended = suspensions.reload();
        for (PartnerProfile partner : partners.all()) {
            String routeId = DeliveryRoutes.routeId(partner.id());
            ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
            if (status == null) {
                continue;
            }
            boolean delivering = !partner.suspended() && !suspended.contains(partner.id());
            if (delivering && status.isStartable()) {
                camel.getRouteController().startRoute(routeId);
                log.info("Delivery to {} resumed on this node", partner.id());
            } else if (!delivering && status.isStarted()) {
                camel.getRouteController().stopRoute(routeId);
                log.info("Delivery to {} suspended on this node", partner.id());
            }
        }
    }
}
