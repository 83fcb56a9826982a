package org.casw.gateway.broker;

import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.partner.PartnerDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConnectionDetails;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway on an external (standalone) Artemis broker: {@code spring.artemis.mode=native} with
 * {@code spring.artemis.broker-url}, {@code spring.artemis.user} and {@code gateway.broker.external.password-file}.
 * The connection details are only handed to Spring once the broker answered and holds what the gateway needs,
 * so nothing (JMS connection factory, Camel routes) starts against a missing or unprepared broker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "native")
public class ExternalBrokerConfiguration {

    @Bean
    ArtemisConnectionDetails externalBroker(ArtemisProperties artemis, GatewayProperties properties, PartnerDirectory partners) {
        ExternalBroker broker = ExternalBroker.configure(artemis.getBrokerUrl(), artemis.getUser(), artemis.getPassword(),
                properties.broker().external());
        broker.prepare(BrokerLayout.of(properties, partners, "sw.#"));
        return broker;
    }
}
