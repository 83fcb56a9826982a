package org.casw.gateway.observability;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One setting for structured logs: {@code logging.structured.format.console} (or {@code .file}) set to {@code ecs},
 * {@code logstash} or {@code gelf} makes every line JSON and also turns on camel-mdc, which puts the tracking id, the party
 * and the Camel route of a message's work in the MDC of its lines. Without it the logs stay plain text and camel-mdc stays
 * off, so nothing is copied into the MDC per message. An explicit {@code camel.mdc.enabled} wins either way.
 */
public class StructuredLogs implements EnvironmentPostProcessor {

    static final String MDC_ENABLED = "camel.mdc.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // lowest precedence: a default, not an override (camel-mdc's own default is on)
        environment.getPropertySources().addLast(new MapPropertySource("structured-logs",
                Map.of(MDC_ENABLED, String.valueOf(structured(environment)))));
    }

    static boolean structured(ConfigurableEnvironment environment) {
        return hasText(environment.getProperty("logging.structured.format.console"))
                || hasText(environment.getProperty("logging.structured.format.file"));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
