package org.casw.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.casw.gateway.api.Problems;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.PartnerSuspensions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** Parties authenticate with API keys on /api; health, metrics, the OpenAPI document and the sandbox are open. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ConfiguredPartners partners, PartnerSuspensions suspensions,
            ObjectMapper json) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(partners), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new SuspendedPartyFilter(partners, suspensions, json), ApiKeyAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**").permitAll()
                        .requestMatchers("/api/v1/partners/**", "/api/v1/messages/*/retry", "/api/v1/aeo-statuses").hasRole("OPERATOR")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, ex) -> {
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.FORBIDDEN, "OPERATOR_ONLY",
                            "Operators only", "This call needs an operator's API key."));
                }).authenticationEntryPoint((request, response, ex) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setHeader("WWW-Authenticate", "Bearer");
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), Problems.unauthenticated(request.getRequestURI()));
                }))
                .build();
    }
}
