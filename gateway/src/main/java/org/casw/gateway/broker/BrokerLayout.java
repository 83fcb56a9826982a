package org.casw.gateway.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.delivery.DeliveryRoutes;
import org.casw.routes.intake.JmsInboundRoutes;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;

/**
 * What the gateway needs on its broker, embedded or external: durable anycast queues per partner and
 * address settings for dead letters, expiry and redelivery back-off (broker-side, so they survive restarts).
 * Nothing is created on demand: every address the routes use is listed here, and a send to any other address,
 * by a party or by the gateway itself, is refused by the broker instead of conjuring a queue nobody reads.
 *
 * @param addressSettings settings by address match, least specific first
 * @param queues          durable anycast queues, each on the address of the same name
 * @param topics          multicast addresses, each node reading them through its own non-durable subscription
 */
public record BrokerLayout(Map<String, AddressSettings> addressSettings, List<String> queues, List<String> topics) {

    /** Where gateway nodes tell each other that an operator changed something (suspend, resume). */
    public static final String CLUSTER_EVENTS = "sw.cluster.events";

    static final String EXPIRY = "sw.expiry";

    /**
     * The layout for the configured broker and partners.
     *
     * @param catchAll the match that carries dead-letter and expiry addresses: {@code #} on the gateway's own
     *                 broker; {@code sw.#} on an external one, whose other addresses belong to its operators
     */
    public static BrokerLayout of(GatewayProperties properties, PartnerDirectory partners, String catchAll) {
        GatewayProperties.Broker broker = properties.broker();
        Map<String, AddressSettings> settings = new LinkedHashMap<>();
        settings.put(catchAll, noAutoCreation(new AddressSettings())
                .setDeadLetterAddress(SimpleString.of(DeliveryRoutes.DEAD_LETTERS))
                .setExpiryAddress(SimpleString.of(EXPIRY)));
        settings.put("sw.out.#", deliverySettings(broker, null));
        // a partner's own retry policy applies to its queue alone
        Map<String, GatewayProperties.Partner> agreements = properties.partners() == null ? Map.of() : properties.partners();
        agreements.forEach((partyId, partner) -> {
            if (partner.retry() != null) {
                settings.put("sw.out." + partyId, deliverySettings(broker, partner.retry()));
            }
        });
        settings.put("sw.in.#", noAutoCreation(new AddressSettings())
                .setDeadLetterAddress(SimpleString.of(JmsInboundRoutes.DEAD_SUBMISSIONS))
                .setExpiryAddress(SimpleString.of(EXPIRY))
                .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                .setRedeliveryDelay(broker.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(broker.redeliveryMultiplier())
                .setMaxRedeliveryDelay(broker.maxRedeliveryDelay().toMillis())
                .setRedeliveryCollisionAvoidanceFactor(broker.redeliveryJitter()));

        Set<String> queues = new LinkedHashSet<>(List.of(DeliveryRoutes.DEAD_LETTERS, JmsInboundRoutes.DEAD_SUBMISSIONS, EXPIRY));
        for (PartnerProfile partner : partners.all()) {
            queues.add(partner.deliveryQueue());
            if (partner.inboundAddress() != null) {
                queues.add(partner.inboundAddress());
            }
            if (partner.replyAddress() != null) {
                queues.add(partner.replyAddress());
            }
        }
        return new BrokerLayout(settings, new ArrayList<>(queues), List.of(CLUSTER_EVENTS));
    }

    /**
     * No queue, address, dead-letter or expiry resource appears because someone sent or subscribed to it. Set on
     * every match, not only the catch-all, so the refusal does not depend on how a broker merges its settings.
     */
    private static AddressSettings noAutoCreation(AddressSettings settings) {
        return settings.setAutoCreateAddresses(false).setAutoCreateQueues(false)
                .setAutoCreateDeadLetterResources(false).setAutoCreateExpiryResources(false);
    }

    /** Redelivery with exponential back-off and jitter; a partner's policy overrides the defaults field by field. */
    private static AddressSettings deliverySettings(GatewayProperties.Broker defaults, GatewayProperties.Retry retry) {
        GatewayProperties.Retry r = retry == null ? new GatewayProperties.Retry(null, null, null, null, null) : retry;
        return noAutoCreation(new AddressSettings())
                .setDeadLetterAddress(SimpleString.of(DeliveryRoutes.DEAD_LETTERS))
                .setExpiryAddress(SimpleString.of(EXPIRY))
                .setMaxDeliveryAttempts(r.maxAttempts() != null ? r.maxAttempts() : defaults.maxDeliveryAttempts())
                .setRedeliveryDelay((r.initialDelay() != null ? r.initialDelay() : defaults.redeliveryDelay()).toMillis())
                .setRedeliveryMultiplier(r.multiplier() != null ? r.multiplier() : defaults.redeliveryMultiplier())
                .setMaxRedeliveryDelay((r.maxDelay() != null ? r.maxDelay() : defaults.maxRedeliveryDelay()).toMillis())
                .setRedeliveryCollisionAvoidanceFactor(r.jitter() != null ? r.jitter() : defaults.redeliveryJitter());
    }
}
