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
 * Makes this node's deliveries follow the operators' suspensions, whichever node they used: a suspended partner's
 * delivery route stopped (its documents wait in its queue), a resumed one started. Run when a node announces a change
 * ({@link ClusterEvents}) and at every heartbeat, in case an announcement was lost with a broker failover.
 */
@Component
public class PartnerSuspensionSync {

    private static final Logger log = LoggerFactory.getLogger(PartnerSuspensionSync.class);

    private final PartnerSuspensions suspensions;
    private final PartnerDirectory partners;
    private final CamelContext camel;
    private Set<String> lastSeen;

    public PartnerSuspensionSync(PartnerSuspensions suspensions, PartnerDirectory partners, CamelContext camel) {
        this.suspensions = suspensions;
        this.partners = partners;
        this.camel = camel;
    }

    /**
     * Follows the table: a partner that entered it stops delivering here, one that left it (an operator resumed it on
     * some node) delivers again. A partner whose agreement says {@code suspended: true} starts paused and stays so until
     * an operator resumes it ({@link #resumed}); the table alone never starts it.
     */
    public synchronized void reconcile() throws Exception {
        Set<String> suspended = suspensions.reload();
        Set<String> before = lastSeen == null ? suspended : lastSeen;
        lastSeen = suspended;
        for (PartnerProfile partner : partners.all()) {
            if (suspended.contains(partner.id())) {
                stop(partner.id());
            } else if (before.contains(partner.id())) {
                start(partner.id());
            }
        }
    }

    /** An operator resumed the partner (here or on another node): it delivers, whatever its agreement's start-up flag. */
    public synchronized void resumed(String partyId) throws Exception {
        reconcile();
        if (!suspensions.isSuspended(partyId)) {
            start(partyId);
        }
    }

    private void stop(String partyId) throws Exception {
        String routeId = DeliveryRoutes.routeId(partyId);
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        if (status != null && status.isStarted()) {
            camel.getRouteController().stopRoute(routeId);
            log.info("Delivery to {} suspended on this node", partyId);
        }
    }

    private void start(String partyId) throws Exception {
        String routeId = DeliveryRoutes.routeId(partyId);
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        if (status != null && status.isStartable()) {
            camel.getRouteController().startRoute(routeId);
            log.info("Delivery to {} resumed on this node", partyId);
        }
    }
}
