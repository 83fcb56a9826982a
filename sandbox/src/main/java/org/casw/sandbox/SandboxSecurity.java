package org.casw.sandbox;

import java.util.Optional;
import jakarta.servlet.DispatcherType;
import org.casw.gateway.api.Problems;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.security.ApiKeyAuthenticationFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sandbox's doors: the delivery token its inboxes accept (never in production), who may call it
 * ({@link SandboxAccess}, in a filter chain of its own ahead of the gateway's) and how much a request may carry.
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
    SandboxAccess sandboxAccess(SandboxProperties sandbox, ObjectProvider<SandboxDeliveryToken> token) {
        return new SandboxAccess(sandbox, Optional.ofNullable(token.getIfAvailable()));
    }

    /**
     * Each sandbox is for operators and the party it acts as (their API keys), its inbox also for the gateway's
     * delivery token. Ordered before the gateway's chain, which takes every other request.
     */
    @Bean
    @Order(0)
    SecurityFilterChain sandboxFilterChain(HttpSecurity http, ConfiguredPartners partners, SandboxAccess sandbox, ObjectMapper json)
            throws Exception {
        return http
                .securityMatcher("/sandbox", "/sandbox/**")
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(partners), AnonymousAuthenticationFilter.class)
                .addFilterBefore(sandbox.deliveryAuthentication(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // authorized on its way in: a deferred answer's async re-dispatch carries no credentials
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().access((authentication, context) ->
                                new AuthorizationDecision(sandbox.allows(authentication.get(), context.getRequest()))))
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, ex) -> {
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), sandbox.denied(request));
                }).authenticationEntryPoint((request, response, ex) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setHeader("WWW-Authenticate", "Bearer");
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), Problems.unauthenticated(request.getRequestURI()));
                }))
                .build();
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
