package org.casw.gateway.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.casw.gateway.security.ThrowawayTlsStores;
import org.casw.testsupport.StandaloneBroker;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway on an external broker over TLS, as docs/production.md sets it up: a real Artemis process whose acceptor
 * has sslEnabled and a key store, and the gateway's client URL ({@code spring.artemis.broker-url}) with a trust store.
 */
class ExternalBrokerTlsTest {

    private static final String STORE_PASSWORD = "broker-tls-store-password";

    private static StandaloneBroker broker;
    private static ThrowawayTlsStores tls;

    @BeforeAll
    static void startBrokerWithTlsAcceptor() throws Exception {
        Path dir = TestData.newDataDir("external-broker-tls");
        tls = ThrowawayTlsStores.create(dir, STORE_PASSWORD);
        broker = StandaloneBroker.create(dir);
        Path brokerXml = dir.resolve("broker/etc/broker.xml");
        String xml = Files.readString(brokerXml);
        String acceptor = "<acceptor name=\"artemis\">" + broker.url() + "?";
        assertThat(xml).contains(acceptor);
        Files.writeString(brokerXml, xml.replace(acceptor, acceptor + "sslEnabled=true;keyStorePath=" + tls.keyStore()
                + ";keyStorePassword=" + STORE_PASSWORD + ";keyStoreType=PKCS12;"));
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theGatewayPreparesTheBrokerOverTlsTrustingItsCertificate() {
        ExternalBroker gateway = ExternalBroker.configure(broker.url() + "?sslEnabled=true&verifyHost=true&trustStorePath="
                + tls.trustStore() + "&trustStorePassword=" + STORE_PASSWORD + "&trustStoreType=PKCS12", StandaloneBroker.USER,
                null, new ExternalBrokerProperties(broker.passwordFile(), Duration.ofSeconds(30)));

        gateway.prepare(new BrokerLayout(Map.of(), List.of("sw.out.TLS-TEST"), List.of(BrokerLayout.CLUSTER_EVENTS)));
    }

    @Test
    void aClientUrlWithoutTheBrokersCertificateInItsTrustIsRefused() {
        ExternalBroker gateway = ExternalBroker.configure(broker.url() + "?sslEnabled=true", StandaloneBroker.USER, null,
                new ExternalBrokerProperties(broker.passwordFile(), Duration.ofSeconds(2)));

        assertThatThrownBy(() -> gateway.prepare(new BrokerLayout(Map.of(), List.of(), List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("external broker " + broker.url());
    }

    @Test
    void aPlainClientIsRefusedByTheTlsAcceptor() {
        ExternalBroker gateway = ExternalBroker.configure(broker.url(), StandaloneBroker.USER, null,
                new ExternalBrokerProperties(broker.passwordFile(), Duration.ofSeconds(2)));

        assertThatThrownBy(() -> gateway.prepare(new BrokerLayout(Map.of(), List.of(), List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("external broker " + broker.url());
    }
}
