package org.casw.routes.delivery;

import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;

/** Delivery onto the party's reply address on the gateway's broker (ports and rail systems read it). */
public class JmsChannel implements PartnerChannel {

    private final ProducerTemplate producer;

    public JmsChannel(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public DeliveryChannel kind() {
        return DeliveryChannel.JMS;
    }

    @Override
    public String deliver(PartnerProfile partner, Outbound outbound) {
        producer.sendBodyAndHeaders("jms:queue:" + partner.replyAddress() + "?exchangePattern=InOnly", outbound.payload(),
                Map.of("trackingId", outbound.trackingId(), "documentType", outbound.documentType(),
                        "sender", outbound.sender(), "_AMQ_DUPL_ID", "deliver-" + outbound.trackingId()));
        return "put on " + partner.replyAddress();
    }
}
