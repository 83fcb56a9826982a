package org.casw.gateway.as4;

import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;
import org.casw.certs.DevPki;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.ledger.MessageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the AS4 channel: the outbound {@link As4Channel}, the inbound endpoint and, only when some agreement
 * uses AS4, the phase4 engine (started once, stopped with the gateway).
 */
@Configuration(proxyBeanMethods = false)
public class As4Configuration {

    private static final Logger log = LoggerFactory.getLogger(As4Configuration.class);

    /** The engine, or a supplier of null when no agreement uses AS4 (phase4 is then never started). */
    @Bean(destroyMethod = "close")
    As4Lifecycle as4Lifecycle(ConfiguredPartners partners, GatewayProperties properties, As4Ledger ledger,
            ObjectProvider<DevPki> devPki) {
        devPki.getIfAvailable(); // on the default run the gateway's AS4 key is generated with the development PKI
        return new As4Lifecycle(partners, properties, ledger);
    }

    @Bean
    As4Channel as4Channel(ConfiguredPartners partners, As4Lifecycle lifecycle, As4Ledger ledger, Environment environment) {
        return new As4Channel(partners, lifecycle::required, ledger,
                url -> url.replace("{local.server.port}", environment.getProperty("local.server.port", "8080")));
    }

    @Bean
    ServletRegistrationBean<As4Endpoint> as4Endpoint(ConfiguredPartners partners, As4Lifecycle lifecycle, As4Ledger ledger,
            ProducerTemplate intake, GatewayProperties properties, MessageLedger history) {
        As4Inbox inbox = new As4Inbox(partners, intake, ledger, history, properties.maxPayloadSize().toBytes());
        String path = properties.as4() == null ? "/as4" : properties.as4().path();
        ServletRegistrationBean<As4Endpoint> registration = new ServletRegistrationBean<>(new As4Endpoint(lifecycle, inbox, ledger), path);
        registration.setName("as4");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** Starts phase4 at start-up when an agreement uses AS4, so a broken key store stops the gateway at once. */
    public static final class As4Lifecycle implements Supplier<As4Runtime>, AutoCloseable {

        private final As4Runtime runtime;

        As4Lifecycle(ConfiguredPartners partners, GatewayProperties properties, As4Ledger ledger) {
            if (partners.as4Agreements().isEmpty()) {
                runtime = null;
                return;
            }
            GatewayProperties.As4Gateway settings = properties.as4();
            As4Crypto crypto = As4Crypto.load(settings.identity(), settings.edelivery2(), partners.as4Agreements());
            // phase4 objects (P-Modes among them) need its process-wide scope to exist first
            As4Engine engine = As4Engine.start(ledger);
            runtime = new As4Runtime(crypto, new As4PModes(partners.as4Agreements()), engine);
            log.info("AS4 channel ready for {} partner(s), signing as {}{}", partners.as4Agreements().size(),
                    crypto.certificate().getSubjectX500Principal(), crypto.edelivery2Certificates().isEmpty() ? ""
                            : " (RSA) and " + crypto.edelivery2Certificates().get(0).getSubjectX500Principal() + " (eDelivery AS4 2.0)");
        }

        @Override
        public As4Runtime get() {
            return runtime;
        }

        As4Runtime required() {
            if (runtime == null) {
                throw new IllegalStateException("no partner agreement uses AS4");
            }
            return runtime;
        }

        @Override
        public void close() {
            if (runtime != null) {
                runtime.engine().close();
            }
        }
    }
}
