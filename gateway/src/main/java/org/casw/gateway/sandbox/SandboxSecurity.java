package org.casw.gateway.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.casw.gateway.config.GatewayProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The sandbox's doors: the delivery token its inboxes accept (never in production), who may call it
 * ({@link SandboxAccess}, applied by the security configuration) and how much a request may carry.
 */
@Configuration(proxyBeanMethods = false)
public class SandboxSecurity {

    /** A sandbox endpoint other than an inbox takes a small JSON request: a certificate, a notice, a gate-out. */
    static final long REQUEST_LIMIT = 64 * 1024;

    /** Made on every non-production start, so the shipped agreements' {@code delivery.authorization-file} always exists. */
    @Bean
    @Profile("!production")
    SandboxDeliveryToken sandboxDeliveryToken(GatewayProperties properties) {
        return SandboxDeliveryToken.ensure(properties.dataDir());
    }

    @Bean
    SandboxAccess sandboxAccess(GatewayProperties properties, ObjectProvider<SandboxDeliveryToken> token) {
        return new SandboxAccess(properties.sandbox(), Optional.ofNullable(token.getIfAvailable()));
    }

    /** After the security filters, so a caller without credentials hears 401 before anything is read. */
    @Bean
    FilterRegistrationBean<SandboxRequestLimit> sandboxRequestLimit(GatewayProperties properties, ObjectMapper json) {
        long inboxLimit = 2 * properties.maxPayloadSize().toBytes();
        FilterRegistrationBean<SandboxRequestLimit> registration = new FilterRegistrationBean<>(
                new SandboxRequestLimit(inboxLimit, REQUEST_LIMIT, json));
        registration.addUrlPatterns("/sandbox/*");
        registration.setName("sandboxRequestLimit");
        return registration;
    }
}
