package org.casw.gateway.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The external broker's start-up guard and connection settings (the kill tests use a real one). */
class ExternalBrokerTest {

    @Test
    void refusesToStartWhenTheConfiguredBrokerDoesNotAnswer() {
        int nobodyListens = TestData.freePort();
        ExternalBroker broker = ExternalBroker.configure("tcp://127.0.0.1:" + nobodyListens, "gateway", "secret",
                new ExternalBrokerProperties(null, Duration.ofSeconds(1)));

        assertThatThrownBy(() -> broker.prepare(new BrokerLayout(Map.of(), List.of(), List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tcp://127.0.0.1:" + nobodyListens + " (spring.artemis.broker-url) is not reachable")
                .hasMessageContaining("does not start without its broker");
    }

    @Test
    void namesTheBrokerWithoutTheTrustStorePasswordItsUrlCarries() {
        int nobodyListens = TestData.freePort();
        ExternalBroker broker = ExternalBroker.configure("tcp://127.0.0.1:" + nobodyListens + "?sslEnabled=true&trustStorePath=/nowhere.p12"
                + "&trustStorePassword=s3cret-trust&trustStoreType=PKCS12", "gateway", "secret",
                new ExternalBrokerProperties(null, Duration.ofSeconds(1)));

        assertThatThrownBy(() -> broker.prepare(new BrokerLayout(Map.of(), List.of(), List.of())))
                .hasMessageContaining("trustStorePassword=***&trustStoreType=PKCS12 (spring.artemis.broker-url) is not reachable")
                .hasMessageNotContaining("s3cret-trust");
        assertThat(BrokerUrls.redacted("tcp://0.0.0.0:61617?sslEnabled=true;keyStorePassword=a;KEYSTOREPASSWORD=b&x=1"))
                .isEqualTo("tcp://0.0.0.0:61617?sslEnabled=true;keyStorePassword=***;KEYSTOREPASSWORD=***&x=1");
    }

    @Test
    void readsThePasswordFromItsFile() throws Exception {
        Path file = Files.writeString(TestData.newDataDir("broker-password").resolve("password"), "s3cret\n");

        ExternalBroker broker = ExternalBroker.configure("tcp://127.0.0.1:61616", "gateway", "ignored",
                new ExternalBrokerProperties(file, Duration.ofSeconds(1)));

        assertThat(broker.getPassword()).isEqualTo("s3cret");
        assertThat(broker.getUser()).isEqualTo("gateway");
    }

    @Test
    void reconnectsForeverUnlessTheUrlSaysOtherwise() {
        assertThat(ExternalBroker.withReconnectDefaults("tcp://broker:61616"))
                .isEqualTo("tcp://broker:61616?reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=2.0"
                        + "&maxRetryInterval=5000&callFailoverTimeout=30000");
        assertThat(ExternalBroker.withReconnectDefaults("tcp://broker:61616?reconnectAttempts=5&sslEnabled=true"))
                .startsWith("tcp://broker:61616?reconnectAttempts=5&sslEnabled=true&retryInterval=500")
                .doesNotContain("reconnectAttempts=-1");
    }

    @Test
    void needsABrokerUrl() {
        assertThatThrownBy(() -> ExternalBroker.configure(" ", "gateway", "secret", new ExternalBrokerProperties(null, Duration.ofSeconds(1))))
                .hasMessageContaining("spring.artemis.broker-url");
    }
}
