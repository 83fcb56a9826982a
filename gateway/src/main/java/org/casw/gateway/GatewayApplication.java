package org.casw.gateway;

import org.casw.gateway.cli.GatewayCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The single-window gateway (gateway.jar). Without a command it runs the server; the operator commands
 * ({@code certs}, {@code validate}, {@code sign}, {@code verify}, {@code translate}, {@code api-key-digest}) each
 * exit when done: {@code java -jar gateway.jar help} lists them. gateway-kit.jar adds the integrator tooling.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        GatewayCommandLine.run(GatewayCommandLine.create("gateway"), args);
    }
}
