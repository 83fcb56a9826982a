package org.casw.gateway.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.partner.PartnerDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * The embedded Artemis broker: a persistent journal in the data directory, durable queues per
 * partner, broker-side redelivery with back-off (it survives restarts, unlike in-memory retries),
 * and dead-letter and expiry addresses so nothing is silently dropped.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

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
            // How long the journal gathers writes before one fsync covers them all. Artemis' NIO default (3.3 ms)
            // makes every durable send wait that long when the disk could sync far sooner; concurrent sends still share a sync.
            int bufferTimeout = (int) Math.min(Integer.MAX_VALUE, broker.journalBufferTimeout().toNanos());
            config.setJournalBufferTimeout_NIO(bufferTimeout);
            config.setJournalBufferTimeout_AIO(bufferTimeout);
            config.setIDCacheSize(100_000);
            config.setPersistIDCache(true);

            BrokerLayout layout = BrokerLayout.of(properties, partners, "#");
            layout.addressSettings().forEach(config::addAddressSetting);
            for (String queue : layout.queues()) {
                config.addQueueConfiguration(QueueConfiguration.of(queue).setAddress(queue).setRoutingType(RoutingType.ANYCAST)
                        .setDurable(true));
            }
            for (String topic : layout.topics()) {
                config.addAddressConfiguration(new CoreAddressConfiguration().setName(topic).addRoutingType(RoutingType.MULTICAST));
            }
            if (!broker.acceptorUrl().isBlank()) {
                try {
                    config.addAcceptorConfiguration("partners", broker.acceptorUrl());
                } catch (Exception e) {
                    throw new IllegalStateException("gateway.broker.acceptor-url is not a valid Artemis acceptor URL: "
                            + BrokerUrls.redacted(broker.acceptorUrl()), e);
                }
            }
        };
    }

    /**
     * The gateway's own JMS client never deserializes an ObjectMessage, whoever sent it: Artemis' deny list
     * ({@code deserializationDenyList=*}) on the connection factory Boot builds, embedded or native, and on
     * the one its JMS cache wraps. The inbound routes do not read object messages at all; this is the floor under that.
     */
    @Bean
    static BeanPostProcessor noObjectMessageDeserialization() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                Object factory = bean instanceof SingleConnectionFactory cache ? cache.getTargetConnectionFactory() : bean;
                if (factory instanceof ActiveMQConnectionFactory artemis) {
                    denyAllDeserialization(artemis);
                }
                return bean;
            }
        };
    }

    /** Artemis' ObjectMessage deny list matching every class. */
    public static ActiveMQConnectionFactory denyAllDeserialization(ActiveMQConnectionFactory factory) {
        factory.setDeserializationDenyList("*");
        factory.setDeserializationAllowList(null);
        return factory;
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
}
