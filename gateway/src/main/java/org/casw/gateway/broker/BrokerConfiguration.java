package org.casw.gateway.broker;

import java.util.Map;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.casw.routes.delivery.DeliveryRoutes;
import org.casw.routes.intake.JmsInboundRoutes;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Artemis broker: a persistent journal in the data directory, durable queues per
 * partner, broker-side redelivery with back-off (it survives restarts, unlike in-memory retries),
 * and dead-letter and expiry addresses so nothing is silently dropped.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    static final String EXPIRY = "sw.expiry";

    @Bean
    ArtemisConfigurationCustomizer singleWindowBroker(GatewayProperties properties, PartnerDirectory partners) {
        GatewayProperties.Broker broker = properties.broker();
        return config -> {
            config.setJournalDirectory(properties.dataDir().resolve("artemis/journal").toString());
            config.setBindingsDirectory(properties.dataDir().resolve("artemis/bindings").toString());
            config.setLargeMessagesDirectory(properties.dataDir().resolve("artemis/large-messages").toString());
            config.setPagingDirectory(properties.dataDir().resolve("artemis/paging").toString());
            config.setSecurityEnabled(true);
            // No authentication cache: it is keyed by credentials alone, so an anonymous TCP client would
            // inherit the anonymous in-VM gateway's result. Checking a key digest is cheap.
            config.setAuthenticationCacheSize(0);
            config.setIDCacheSize(100_000);
            config.setPersistIDCache(true);

            AddressSettings defaults = new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(DeliveryRoutes.DEAD_LETTERS))
                    .setExpiryAddress(SimpleString.of(EXPIRY));
            config.addAddressSetting("#", defaults);
            config.addAddressSetting("sw.out.#", deliverySettings(broker, null));
            // a partner's own retry policy applies to its queue alone
            Map<String, GatewayProperties.Partner> agreements = properties.partners() == null ? Map.of() : properties.partners();
            agreements.forEach((partyId, partner) -> {
                if (partner.retry() != null) {
                    config.addAddressSetting("sw.out." + partyId, deliverySettings(broker, partner.retry()));
                }
            });
            config.addAddressSetting("sw.in.#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(JmsInboundRoutes.DEAD_SUBMISSIONS))
                    .setExpiryAddress(SimpleString.of(EXPIRY))
                    .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                    .setRedeliveryDelay(broker.redeliveryDelay().toMillis())
                    .setRedeliveryMultiplier(broker.redeliveryMultiplier())
                    .setMaxRedeliveryDelay(broker.maxRedeliveryDelay().toMillis())
                    .setRedeliveryCollisionAvoidanceFactor(broker.redeliveryJitter()));

            anycastQueue(config, DeliveryRoutes.DEAD_LETTERS);
            anycastQueue(config, JmsInboundRoutes.DEAD_SUBMISSIONS);
            anycastQueue(config, EXPIRY);
            for (PartnerProfile partner : partners.all()) {
                anycastQueue(config, partner.deliveryQueue());
                if (partner.inboundAddress() != null) {
                    anycastQueue(config, partner.inboundAddress());
                }
                if (partner.replyAddress() != null) {
                    anycastQueue(config, partner.replyAddress());
                }
            }
            if (!broker.acceptorUrl().isBlank()) {
                try {
                    config.addAcceptorConfiguration("partners", broker.acceptorUrl());
                } catch (Exception e) {
                    throw new IllegalStateException("gateway.broker.acceptor-url is not a valid Artemis acceptor URL: " + broker.acceptorUrl(), e);
                }
            }
        };
    }

    /** Installs party-based access control before the embedded broker starts (Boot offers no other hook). */
    @Bean
    static BeanPostProcessor partyBrokerSecurity(ObjectProvider<ConfiguredPartners> partners) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedActiveMQ broker) {
                    broker.setSecurityManager(new PartyBrokerSecurity(partners.getObject()));
                }
                return bean;
            }
        };
    }

    /** Redelivery with exponential back-off and jitter; a partner's policy overrides the defaults field by field. */
    private static AddressSettings deliverySettings(GatewayProperties.Broker defaults, GatewayProperties.Retry retry) {
        GatewayProperties.Retry r = retry == null ? new GatewayProperties.Retry(null, null, null, null, null) : retry;
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(DeliveryRoutes.DEAD_LETTERS))
                .setExpiryAddress(SimpleString.of(EXPIRY))
                .setMaxDeliveryAttempts(r.maxAttempts() != null ? r.maxAttempts() : defaults.maxDeliveryAttempts())
                .setRedeliveryDelay((r.initialDelay() != null ? r.initialDelay() : defaults.redeliveryDelay()).toMillis())
                .setRedeliveryMultiplier(r.multiplier() != null ? r.multiplier() : defaults.redeliveryMultiplier())
                .setMaxRedeliveryDelay((r.maxDelay() != null ? r.maxDelay() : defaults.maxRedeliveryDelay()).toMillis())
                .setRedeliveryCollisionAvoidanceFactor(r.jitter() != null ? r.jitter() : defaults.redeliveryJitter());
    }

    private static void anycastQueue(org.apache.activemq.artemis.core.config.Configuration config, String name) {
        config.addQueueConfiguration(QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST).setDurable(true));
    }
}
