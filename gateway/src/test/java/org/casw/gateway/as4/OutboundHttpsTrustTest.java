package org.casw.gateway.as4;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.casw.gateway.security.ThrowawayTlsStores;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which trust store applies to a partner's https endpoint (docs/production.md, "AS4 over HTTPS"): the JVM's, named by
 * {@code javax.net.ssl.trustStore}, with host names verified, for both the HTTP delivery channel and phase4's client.
 * Each case runs {@link OutboundHttpsProbe} in a JVM of its own against a loopback HTTPS server.
 */
class OutboundHttpsTrustTest {

    private static final String PASSWORD = "outbound-trust-password";

    @Test
    void aPartnersEndpointIsTrustedThroughTheJvmsTrustStore() throws Exception {
        ThrowawayTlsStores stores = ThrowawayTlsStores.create(TestData.newDataDir("outbound-trust"), PASSWORD);

        String output = probe(stores, stores.trustStore());

        assertThat(output).contains("http-channel: delivered").contains("phase4-client: 200");
    }

    @Test
    void withoutTheTrustStoreNeitherClientTrustsAPrivateCertificate() throws Exception {
        ThrowawayTlsStores stores = ThrowawayTlsStores.create(TestData.newDataDir("outbound-untrusted"), PASSWORD);

        String output = probe(stores, null);

        assertThat(output).contains("http-channel: failed javax.net.ssl.SSLHandshakeException")
                .contains("phase4-client: failed javax.net.ssl.SSLHandshakeException");
    }

    @Test
    void aTrustedCertificateForAnotherHostNameIsRefused() throws Exception {
        ThrowawayTlsStores stores = ThrowawayTlsStores.create(TestData.newDataDir("outbound-other-name"), PASSWORD,
                "dns:partner.example");

        String output = probe(stores, stores.trustStore());

        // refused for the name, whether by the JDK's endpoint identification or the client's own verifier
        assertThat(output).contains("http-channel: failed javax.net.ssl.").contains("phase4-client: failed javax.net.ssl.")
                .containsPattern("(?i)(subject alternative|doesn't match|does not match)");
    }

    /** Serves the key store on loopback and runs the probe against it, with {@code trustStore} as the JVM's (or none). */
    private static String probe(ThrowawayTlsStores stores, Path trustStore) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(stores.keyStore())));
        server.createContext("/inbox", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path")));
            if (trustStore != null) {
                command.addAll(List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                        "-Djavax.net.ssl.trustStoreType=PKCS12"));
            }
            command.addAll(List.of(OutboundHttpsProbe.class.getName(), "https://127.0.0.1:" + server.getAddress().getPort() + "/inbox"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("probe finished: %s", output).isTrue();
            return output;
        } finally {
            server.stop(0);
        }
    }

    private static SSLContext serverContext(Path keyStore) throws IOException {
        try (var in = Files.newInputStream(keyStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            return tls;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
