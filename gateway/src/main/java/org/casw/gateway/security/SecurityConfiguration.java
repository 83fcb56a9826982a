package org.casw.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.casw.gateway.api.Problems;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.gateway.sandbox.SandboxAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Parties authenticate with API keys on /api; the OpenAPI document and the health probes are open (health
 * without details; operators see them); every other actuator endpoint (metrics, Prometheus) is for operators;
 * each sandbox is for operators and the party it acts as, its inbox also for the gateway's delivery token.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ConfiguredPartners partners, PartnerSuspensions suspensions,
            SandboxAccess sandbox, ObjectMapper json) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(partners), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new SuspendedPartyFilter(partners, suspensions, json), ApiKeyAuthenticationFilter.class)
                .addFilterBefore(sandbox.deliveryAuthentication(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // the request was authorized on its way in: its async re-dispatch (a sandbox's deferred answer)
                        // and error dispatch carry no credentials of their own
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**").permitAll()
                        .requestMatchers("/api/v1/partners/**", "/api/v1/messages/*/retry", "/api/v1/aeo-statuses").hasRole("OPERATOR")
                        .requestMatchers("/api/**").authenticated()
                        // probes for orchestrators; /actuator/health shows details only to operators (application.yml)
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").hasRole("OPERATOR")
                        .requestMatchers("/sandbox", "/sandbox/**").access((authentication, context) ->
                                new AuthorizationDecision(sandbox.allows(authentication.get(), context.getRequest())))
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, ex) -> {
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), request.getRequestURI().startsWith(request.getContextPath() + "/sandbox")
                            ? sandbox.denied(request)
                            : Problems.of(HttpStatus.FORBIDDEN, "OPERATOR_ONLY", "Operators only", "This call needs an operator's API key."));
                }).authenticationEntryPoint((request, response, ex) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setHeader("WWW-Authenticate", "Bearer");
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), Problems.unauthenticated(request.getRequestURI()));
                }))
                .build();
    }
}
