package org.casw.gateway.security;

import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile refuses to start while a published demo key is configured. */
class DemoKeyGuardTest {

    @Test
    void productionProfileWithDemoKeysDoesNotStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class).profiles("production").run(
                "--server.port=0",
                "--gateway.data-dir=" + GatewayTestSupport.newDataDir("production"),
                "--gateway.broker.acceptor-url=").close())
                .rootCause()
                .hasMessageContaining("Refusing to start in the production profile")
                .hasMessageContaining("published demo API key");
    }
}
