package org.casw.gateway.security;

import org.casw.gateway.GatewayApplication;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without the production profile the gateway listens on loopback only: a wider HTTP or broker bind stops
 * start-up before anything listens, naming the setting. (192.0.2.1 is a documentation address: nothing binds it.)
 */
class LoopbackBindsTest {

    @Test
    void aNonLoopbackHttpBindWithoutTheProductionProfileIsRefused() {
        assertThatThrownBy(() -> start("--server.address=192.0.2.1", "--gateway.broker.acceptor-url="))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start without the production profile")
                .hasMessageContaining("server.address is 192.0.2.1, not a loopback address");
    }

    @Test
    void aNonLoopbackBrokerAcceptorWithoutTheProductionProfileIsRefused() {
        assertThatThrownBy(() -> start("--gateway.broker.acceptor-url=tcp://192.0.2.1:61616"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start without the production profile")
                .hasMessageContaining("gateway.broker.acceptor-url is 192.0.2.1, not a loopback address (tcp://192.0.2.1:61616)");
    }

    @Test
    void everyInterfaceIsNoLoopbackAndLoopbackNamesAreFine() {
        assertThat(LoopbackBinds.problems(env("0.0.0.0", "tcp://0.0.0.0:61616")))
                .containsExactly("server.address is 0.0.0.0 (every interface), not a loopback address",
                        "gateway.broker.acceptor-url is 0.0.0.0 (every interface), not a loopback address (tcp://0.0.0.0:61616)");
        assertThat(LoopbackBinds.problems(env("::", ""))).containsExactly("server.address is :: (every interface), not a loopback address");
        assertThat(LoopbackBinds.problems(env("", ""))).containsExactly("server.address is not set, so it would listen on every interface");
        assertThat(LoopbackBinds.problems(env("127.0.0.1", "tcp://localhost:61616?protocols=CORE"))).isEmpty();
        assertThat(LoopbackBinds.problems(env("::1", "tcp://[::1]:61616"))).isEmpty();
        assertThat(LoopbackBinds.problems(env("localhost", "")
                .withProperty("management.server.port", "9090").withProperty("management.server.address", "0.0.0.0")))
                .containsExactly("management.server.address is 0.0.0.0 (every interface), not a loopback address");
    }

    private static MockEnvironment env(String serverAddress, String acceptor) {
        return new MockEnvironment().withProperty("server.port", "8080").withProperty("server.address", serverAddress)
                .withProperty("gateway.broker.acceptor-url", acceptor);
    }

    private static void start(String... settings) {
        String[] args = new String[settings.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--gateway.data-dir=" + TestData.newDataDir("loopback");
        System.arraycopy(settings, 0, args, 2, settings.length);
        new SpringApplicationBuilder(GatewayApplication.class).run(args).close();
    }
}
