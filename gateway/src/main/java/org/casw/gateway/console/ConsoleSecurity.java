package org.casw.gateway.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The console's own chain, ahead of the API's: people log in with a form and keep a session, so it has what the
 * stateless API has no use for, CSRF tokens on every change, a login page and a strict content security policy
 * (every script and style comes from the jar; no inline script, no CDN).
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurity {

    static final String LOGIN = "/console/login";

    @Bean
    @Order(2)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, ConsoleSignIn signIn) throws Exception {
        return http
                .securityMatcher("/console", "/console/**", "/webjars/**")
                .authenticationManager(new ProviderManager(signIn))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(LOGIN, "/console/assets/**", "/webjars/**").permitAll()
                        .requestMatchers("/console/operator/**").hasRole("OPERATOR")
                        .requestMatchers("/console/party/**").hasRole("PARTY")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage(LOGIN).defaultSuccessUrl("/console", true).failureHandler(signIn::failed).permitAll())
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN + "?signedOut"))
                .httpBasic(AbstractHttpConfigurer::disable)
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self';"
                                + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}
