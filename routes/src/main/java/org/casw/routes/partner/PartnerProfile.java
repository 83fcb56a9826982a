package org.casw.routes.partner;

import java.util.List;

/**
 * A party's agreement with the gateway as the routes need it: who it is, how it submits and how
 * documents reach it.
 *
 * @param id             party id, e.g. {@code CN-CUSTOMS}
 * @param name           display name
 * @param role           what kind of party it is
 * @param identifiers    codes the party may declare itself as inside documents (e.g. its USCC)
 * @param channel        how documents are delivered to it
 * @param deliveryUrl    for {@link DeliveryChannel#HTTP}
 * @param inboundAddress JMS address it submits on (e.g. {@code sw.in.port}), or null
 * @param replyAddress   JMS address that receives its answers and deliveries, or null
 * @param suspended      delivery to the party is paused; messages wait in its queue
 */
public record PartnerProfile(String id, String name, PartyRole role, List<String> identifiers,
        DeliveryChannel channel, String deliveryUrl, String inboundAddress, String replyAddress, boolean suspended) {

    /** The durable queue holding documents on their way to this party. */
    public String deliveryQueue() {
        return "sw.out." + id;
    }

    public boolean mayDeclareAs(String identity) {
        return identity != null && identifiers.contains(identity);
    }
}
