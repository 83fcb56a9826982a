package org.casw.gateway.observability;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracing is off unless management.tracing.enabled=true, and off means no tracer is configured at all. */
class TracingSwitchTest {

    @Test
    void offByDefaultLeavesEveryTracerConfigurationOut() {
        assertThat(excluded(Map.of())).contains("MicrometerTracingAutoConfiguration", "NoopTracerAutoConfiguration",
                "OpenTelemetryTracingAutoConfiguration");
        assertThat(excluded(Map.of(TracingSwitch.ENABLED, "false"))).contains("OpenTelemetryTracingAutoConfiguration");
    }

    @Test
    void oneSettingTurnsItOn() {
        assertThat(excluded(Map.of(TracingSwitch.ENABLED, "true"))).isNull();
    }

    private static String excluded(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("settings", settings));
        new TracingSwitch().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("spring.autoconfigure.exclude");
    }
}
