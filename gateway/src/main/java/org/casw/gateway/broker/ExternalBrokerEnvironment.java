package org.casw.gateway.broker;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With an external broker ({@code spring.artemis.mode=native}) the embedded one must not start:
 * Spring Boot would otherwise start it whenever the server jar is present, whatever the mode.
 */
public class ExternalBrokerEnvironment implements EnvironmentPostProcessor {

    static final String EMBEDDED_ENABLED = "spring.artemis.embedded.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"native".equalsIgnoreCase(environment.getProperty("spring.artemis.mode", ""))) {
            return;
        }
        if (environment.getProperty(EMBEDDED_ENABLED, Boolean.class, false)) {
            throw new IllegalStateException("spring.artemis.mode=native names an external broker, but " + EMBEDDED_ENABLED
                    + "=true would also start the embedded one: remove one of the two settings");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("external-broker", Map.of(EMBEDDED_ENABLED, "false")));
    }
}
