package org.casw.routes.delivery;

import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;

/**
 * A transport that hands a document to a party. Implementations either return once the party has
 * confirmed receipt, or throw: the delivery is then rolled back and retried by the broker.
 */
public interface PartnerChannel {

    DeliveryChannel kind();

    /** Delivers and returns a short confirmation for the message history (e.g. "HTTP 202"). */
    String deliver(PartnerProfile partner, Outbound outbound) throws Exception;
}
