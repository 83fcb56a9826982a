package org.casw.gateway.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casw.gateway.broker.BrokerUrls;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * Outside the production profile the gateway listens on loopback only: its sandboxes, demo keys and
 * development PKI are for one machine. A non-loopback HTTP bind ({@code server.address},
 * {@code management.server.address}) or broker acceptor ({@code gateway.broker.acceptor-url}) stops start-up
 * before anything listens, with the setting named.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!production")
public class LoopbackBinds {

    /** Runs before any bean is made, so neither the web server nor the broker has bound yet. */
    @Bean
    static BeanFactoryPostProcessor loopbackBindsOnly(Environment environment) {
        return factory -> {
            List<String> problems = problems(environment);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Refusing to start without the production profile: " + String.join("; ", problems)
                        + ". Outside production the gateway listens on loopback only (its sandboxes and demo keys are open to"
                        + " anyone who reaches it): bind to 127.0.0.1, or run with the production profile behind TLS.");
            }
        };
    }

    /** Every non-loopback bind the settings ask for. */
    static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        if (!"-1".equals(environment.getProperty("server.port"))
                && !"none".equalsIgnoreCase(environment.getProperty("spring.main.web-application-type"))) {
            host("server.address", environment.getProperty("server.address")).ifPresent(problems::add);
        }
        String managementPort = environment.getProperty("management.server.port");
        if (managementPort != null && !managementPort.isBlank() && !"-1".equals(managementPort)
                && !managementPort.equals(environment.getProperty("server.port"))) {
            host("management.server.address", environment.getProperty("management.server.address",
                    environment.getProperty("server.address"))).ifPresent(problems::add);
        }
        String acceptor = BrokerUrls.redacted(environment.getProperty("gateway.broker.acceptor-url", ""));
        if (!acceptor.isBlank()) {
            String host;
            try {
                host = URI.create(acceptor.trim()).getHost();
            } catch (IllegalArgumentException e) {
                host = null;
            }
            if (host == null) {
                problems.add("gateway.broker.acceptor-url " + acceptor + " names no host that can be checked for loopback");
            } else {
                host("gateway.broker.acceptor-url", host).map(p -> p + " (" + acceptor + ")").ifPresent(problems::add);
            }
        }
        return problems;
    }

    /** A problem when {@code address} is empty (every interface) or resolves to anything but loopback. */
    private static Optional<String> host(String setting, String address) {
        if (address == null || address.isBlank()) {
            return Optional.of(setting + " is not set, so it would listen on every interface");
        }
        String host = address.trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            InetAddress[] resolved = InetAddress.getAllByName(host);
            for (InetAddress a : resolved) {
                if (!a.isLoopbackAddress()) {
                    return Optional.of(setting + " is " + address + (a.isAnyLocalAddress() ? " (every interface)" : "")
                            + ", not a loopback address");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(setting + " is " + address + ", which does not resolve to a loopback address");
        }
    }
}
