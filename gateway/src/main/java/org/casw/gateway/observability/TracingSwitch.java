package org.casw.gateway.observability;

import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing off means no tracer at all. Spring Boot's {@code management.tracing.enabled=false} only stops exporting and
 * propagating: with the OpenTelemetry bridge on the classpath every HTTP request would still make a span. So while it is
 * not true, Boot's tracer configurations are left out and the gateway runs as it would without the bridge; with
 * {@code management.tracing.enabled=true} they run, and {@link CamelTracing} adds Camel's spans.
 */
public class TracingSwitch implements EnvironmentPostProcessor {

    static final String ENABLED = "management.tracing.enabled";
    static final List<String> TRACER_CONFIGURATIONS = List.of(
            "org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
            // its no-op tracer would still make the metrics' observation handler expect a span on every observation
            "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Boolean.TRUE.equals(environment.getProperty(ENABLED, Boolean.class, false))) {
            // lowest precedence: an explicit spring.autoconfigure.exclude replaces this list
            environment.getPropertySources().addLast(new MapPropertySource("tracing-off",
                    Map.of("spring.autoconfigure.exclude", String.join(",", TRACER_CONFIGURATIONS))));
        }
    }
}
