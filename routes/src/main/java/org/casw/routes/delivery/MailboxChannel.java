package org.casw.routes.delivery;

import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;

/** Delivery to a party that collects its documents through the HTTP API: storing them is delivering. */
public class MailboxChannel implements PartnerChannel {

    @Override
    public DeliveryChannel kind() {
        return DeliveryChannel.MAILBOX;
    }

    @Override
    public String deliver(PartnerProfile partner, Outbound outbound) {
        return "available in the mailbox of " + partner.id();
    }
}
