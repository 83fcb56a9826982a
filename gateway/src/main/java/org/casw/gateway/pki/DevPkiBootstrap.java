package org.casw.gateway.pki;

import org.casw.certs.DevPki;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.security.ProductionGuard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** On the default run the development PKI is generated into the data directory on first start, then reused. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "gateway", name = "dev-pki", havingValue = "true", matchIfMissing = true)
public class DevPkiBootstrap {

    /** In production the guard refuses gateway.dev-pki before anything is generated. */
    @Bean
    DevPki devPki(GatewayProperties properties, ObjectProvider<ProductionGuard> productionGuard) throws Exception {
        productionGuard.getIfAvailable();
        return DevPki.ensure(properties.dataDir().resolve("certs"));
    }
}
