package org.casw.gateway.security;

import java.util.Arrays;
import jakarta.servlet.DispatcherType;
import org.casw.gateway.api.Problems;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.PartnerSuspensions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parties authenticate with API keys on /api; the OpenAPI document and the health probes are open (health
 * without details; operators see them); every other actuator endpoint (metrics, Prometheus) is for operators.
 * Modules that add endpoints (the sandbox partners) bring their own filter chain, ordered before this one.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * No observation around each security filter and authorization. With the spring.security observations disabled
     * (application.yml), every filter was still wrapped in a decorator that asked, per request and per filter, whether
     * to observe; without it (and without the per-request handled event) a request through Tomcat, Security and MVC
     * took about a fifth less CPU. http.server.requests stays.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The AS4 endpoint ({@code gateway.as4.path}) is open to anyone, as on the gateway's chain, because it
     * authenticates each message itself: a WS-Security signature with the certificate of the sender's agreement
     * (As4Inbox). Its own chain, ahead of the gateway's, matched by path alone, skips the API's filters, the
     * MVC path matching of the API's rules and the browser headers a SOAP answer has no use for (in a flight
     * recording of the endpoint, Spring Security took 2 % of its CPU).
     */
    @Bean
    @Order(1)
    SecurityFilterChain as4FilterChain(HttpSecurity http, GatewayProperties properties) throws Exception {
        String path = properties.as4() == null ? "/as4" : properties.as4().path();
        return http
                .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(path))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ConfiguredPartners partners, PartnerSuspensions suspensions,
            ObjectMapper json) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                // stateless API keys: no login to log out of, no saved request to return to after one
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(partners), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new SuspendedPartyFilter(partners, suspensions, json), ApiKeyAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // the request was authorized on its way in: its async re-dispatch (a deferred answer)
                        // and error dispatch carry no credentials of their own
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(paths("/api/v1/openapi.json", "/api/v1/openapi.json/**")).permitAll()
                        .requestMatchers(paths("/api/v1/partners/**", "/api/v1/messages/*/retry", "/api/v1/aeo-statuses",
                                "/api/v1/messages/*/as4-receipt/request"))
                            .hasRole("OPERATOR")
                        .requestMatchers(paths("/api/**")).authenticated()
                        // probes for orchestrators; /actuator/health shows details only to operators (application.yml)
                        .requestMatchers(paths("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")).permitAll()
                        .requestMatchers(paths("/actuator", "/actuator/**")).hasRole("OPERATOR")
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, ex) -> {
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(),
                            Problems.of(HttpStatus.FORBIDDEN, "OPERATOR_ONLY", "Operators only", "This call needs an operator's API key."));
                }).authenticationEntryPoint((request, response, ex) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setHeader("WWW-Authenticate", "Bearer");
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), Problems.unauthenticated(request.getRequestURI()));
                }))
                .build();
    }

    /**
     * The rules match paths as written, not through Spring MVC's handler mappings (the default when MVC is present),
     * which looked every request's handler up a second time before the DispatcherServlet did.
     */
    private static RequestMatcher[] paths(String... patterns) {
        return Arrays.stream(patterns).map(PathPatternRequestMatcher.withDefaults()::matcher).toArray(RequestMatcher[]::new);
    }
}
