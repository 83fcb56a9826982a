package org.casw.gateway.observability;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain text logs unless one setting asks for JSON, which also puts each message's tracking id and party in the MDC. */
class StructuredLogsTest {

    @Test
    void plainTextIsTheDefaultAndTheMdcStaysOff() throws Exception {
        List<PropertySource<?>> defaults = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
        assertThat(defaults).allSatisfy(source -> {
            assertThat(source.getProperty("logging.structured.format.console")).isNull();
            assertThat(source.getProperty("logging.structured.format.file")).isNull();
        });
        // Boot's own logback configuration, which honours the structured format: no file of the gateway's replaces it
        assertThat(new ClassPathResource("logback-spring.xml").exists()).isFalse();
        assertThat(new ClassPathResource("logback.xml").exists()).isFalse();

        assertThat(mdcEnabled(Map.of())).isEqualTo("false");
    }

    @Test
    void theStructuredFormatAloneTurnsTheMdcOn() {
        assertThat(mdcEnabled(Map.of("logging.structured.format.console", "ecs"))).isEqualTo("true");
        assertThat(mdcEnabled(Map.of("logging.structured.format.file", "logstash"))).isEqualTo("true");
    }

    @Test
    void anExplicitSettingOfTheMdcWins() {
        assertThat(mdcEnabled(Map.of("logging.structured.format.console", "ecs", StructuredLogs.MDC_ENABLED, "false"))).isEqualTo("false");
        assertThat(mdcEnabled(Map.of(StructuredLogs.MDC_ENABLED, "true"))).isEqualTo("true");
    }

    private static String mdcEnabled(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("settings", settings));
        new StructuredLogs().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(StructuredLogs.MDC_ENABLED);
    }
}
