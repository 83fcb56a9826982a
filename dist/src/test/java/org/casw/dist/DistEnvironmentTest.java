package org.casw.dist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.casw.gateway.config.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casw.dist.DistContainerTest.list;
import static org.casw.dist.DistContainerTest.map;

/**
 * The checks read environment variables the way Spring Boot documents (dots to underscores, dashes dropped): every
 * variable the Dockerfile, compose.yaml and the chart give the gateway binds, in Spring Boot itself, the setting the
 * checks say it sets, so the checks cannot pass a variable the application would ignore.
 */
class DistEnvironmentTest {

    private static final KnownSettings KNOWN = KnownSettings.ofGateway();

    @Test
    void everyShippedVariableBindsInSpringBootTheSettingTheChecksName() throws IOException {
        Set<String> variables = new LinkedHashSet<>(Dockerfile.parse(Shipped.read(Shipped.module().resolve("Dockerfile"))).pairs("ENV").keySet());
        Map<String, Object> compose = map(KnownSettings.yamlDocuments(Shipped.read(Shipped.module().resolve("compose.yaml"))).get(0));
        variables.addAll(map(DistContainerTest.service(compose, "gateway-1").get("environment")).keySet());
        Map<String, Object> deployment = DistHelmChartTest.kind(DistHelmChartTest.render(
                map(KnownSettings.yamlDocuments(Shipped.read(Shipped.chart().resolve("values.yaml"))).get(0))), "Deployment");
        Map<String, Object> podSpec = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        for (Object variable : list(map(list(podSpec.get("containers")).get(0)).get("env"))) {
            variables.add(String.valueOf(map(variable).get("name")));
        }

        Set<String> settings = new LinkedHashSet<>();
        for (String variable : variables) {
            KNOWN.propertyOfEnvironmentVariable(variable).ifPresent(property -> {
                settings.add(property);
                assertThat(boundBySpringBoot(variable, property)).as(variable + " binds " + property).isTrue();
            });
        }
        assertThat(settings).contains("spring.datasource.url", "spring.artemis.broker-url", "gateway.operators.ops.api-keys[0]");
    }

    @Test
    void aVariableSpringBootWouldNotBindIsNotKnown() {
        assertThat(KNOWN.propertyOfEnvironmentVariable("SPRING_ARTEMIS_BROKERURLS")).isEmpty();
        assertThat(boundBySpringBoot("SPRING_ARTEMIS_BROKERURLS", "spring.artemis.broker-url")).isFalse();
    }

    @Test
    void aVariableUnderGatewayThatNamesNoSettingStopsTheGatewayWhichIsWhyTheLauncherSaysCasw() {
        assertThatThrownBy(() -> bindGateway(Map.of("GATEWAY_CONF", "/etc/casw-gateway"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bindGateway(Map.of("GATEWAY_SERVICE_HOST", "10.0.0.1"))).isInstanceOf(BindException.class);
        assertThat(bindGateway(Map.of("CASW_GATEWAY_CONF", "/etc/casw-gateway", "GATEWAY_DATADIR", "/var/lib/casw-gateway")).dataDir())
                .isEqualTo(Path.of("/var/lib/casw-gateway"));
    }

    /** GatewayProperties bound from {@code variables} as the application binds it (unknown gateway.* settings refused). */
    private static GatewayProperties bindGateway(Map<String, Object> variables) {
        var environment = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
        return new Binder(ConfigurationPropertySources.from(environment)).bindOrCreate("gateway", Bindable.of(GatewayProperties.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    }

    private static boolean boundBySpringBoot(String variable, String property) {
        // under the environment's own name, so that Spring Boot maps its variables as it does at run time
        var environment = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(variable, "value"));
        return new Binder(ConfigurationPropertySources.from(environment)).bind(property, String.class).isBound();
    }
}
