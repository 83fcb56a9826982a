package org.casw.gateway.security;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casw.gateway.GatewayApplication;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TLS settings docs/production.md gives, on a real gateway (embedded PostgreSQL and Artemis, loopback only): HTTPS on
 * the HTTP port from an SSL bundle ({@code server.ssl.bundle}) and TLS on the embedded broker's acceptor for port and
 * rail systems ({@code gateway.broker.acceptor-url} with Artemis' {@code sslEnabled}), both with a throwaway key store
 * made by keytool. The passwords sit in a configuration file, as the guide says, never on the command line.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsListenersTest {

    private static final String PASSWORD = "tls-test-store-password";
    private static final String PORT_KEY = "tls-test-port-system-key";

    private static Path dir;
    private static Path trustStore;
    private static Certificate certificate;
    private static int brokerPort;
    private static ConfigurableApplicationContext gateway;
    private static int httpsPort;

    @BeforeAll
    static void startGatewayWithTls() throws Exception {
        dir = TestData.newDataDir("tls");
        ThrowawayTlsStores stores = ThrowawayTlsStores.create(dir, PASSWORD);
        Path keyStore = stores.keyStore();
        trustStore = stores.trustStore();
        certificate = stores.certificate();

        Path agreements = Files.createDirectories(dir.resolve("agreements"));
        Files.writeString(agreements.resolve("PORT-QINZHOU.yml"), """
                party: PORT-QINZHOU
                name: Qinzhou Port terminal operating system
                role: PORT
                country: CN
                api-keys: [%s]
                inbound-address: sw.in.port
                reply-address: sw.reply.PORT-QINZHOU
                delivery: {channel: JMS}
                """.formatted(ApiKeys.development().digest(PORT_KEY)));
        brokerPort = TestData.freePort();
        Path tls = dir.resolve("tls.yml");
        Files.writeString(tls, """
                spring:
                  ssl:
                    bundle:
                      jks:
                        web:
                          keystore:
                            location: file:%1$s
                            password: %2$s
                            type: PKCS12
                          options:
                            enabled-protocols: [TLSv1.3, TLSv1.2]
                server:
                  port: 8443
                  ssl:
                    bundle: web
                  servlet:
                    session:
                      cookie:
                        secure: true
                gateway:
                  broker:
                    acceptor-url: tcp://127.0.0.1:%3$d?sslEnabled=true&keyStorePath=%1$s&keyStorePassword=%2$s&keyStoreType=PKCS12
                """.formatted(keyStore, PASSWORD, brokerPort));

        // the guide's tls.yml as it stands, but on a free port: an argument takes precedence over a configuration file
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0", "--gateway.data-dir=" + dir,
                "--gateway.agreements=file:" + agreements + "/*.yml", "--spring.config.additional-location=file:" + tls);
        httpsPort = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theHttpPortAnswersReadinessOverHttpsWithTheBundlesCertificate() throws Exception {
        HttpResponse<String> response = trusting().send(readiness("https"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
        assertThat(response.sslSession()).isPresent();
        assertThat(response.sslSession().get().getPeerCertificates()[0]).isEqualTo(certificate);
        assertThat(response.sslSession().get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    }

    @Test
    void operatorsSeeTheBundlesCertificateInTheHealthComponentSsl() throws Exception {
        JsonNode health = operatorsHealth("/actuator/health");

        assertThat(health.path("components").path("ssl").path("status").asText()).isEqualTo("UP");
        // the throwaway certificate is valid for two days, inside Spring Boot's 14-day warning threshold
        assertThat(health.path("components").path("ssl").toString()).contains("WILL_EXPIRE_SOON");
        assertThat(health.path("components").fieldNames()).toIterable()
                .contains("db", "jms", "diskSpace", "certificates", "livenessState", "readinessState", "ssl");
    }

    @Test
    void theReadinessGroupHoldsTheReadinessStateButNotTheDatabaseOrBroker() {
        HealthEndpointGroup readiness = gateway.getBean(HealthEndpointGroups.class).get("readiness");

        assertThat(readiness.isMember("readinessState")).isTrue();
        assertThat(readiness.isMember("db")).isFalse();
        assertThat(readiness.isMember("jms")).isFalse();
    }

    private static JsonNode operatorsHealth(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + path))
                .header("Authorization", "Bearer demo-operator-key").timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = trusting().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void theHttpPortSpeaksNoPlainHttpAndAClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        HttpResponse<String> plain = trusting().send(readiness("http"), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400); // Tomcat: "This combination of host and port requires TLS."

        HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        assertThatThrownBy(() -> defaultTrust.send(readiness("https"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aPortSystemSubmitsAndReadsItsReceiptOverTheTlsAcceptor() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort
                + "?sslEnabled=true&verifyHost=true&trustStorePath=" + trustStore + "&trustStorePassword=" + PASSWORD
                + "&trustStoreType=PKCS12");
        try (factory; Connection connection = factory.createConnection("PORT-QINZHOU", PORT_KEY)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage submission = session.createTextMessage("not a document");
            session.createProducer(session.createQueue("sw.in.port")).send(submission);
            MessageConsumer replies = session.createConsumer(session.createQueue("sw.reply.PORT-QINZHOU"));

            Message receipt = replies.receive(TimeUnit.SECONDS.toMillis(60));

            assertThat(receipt).as("the gateway's receipt on the reply address, read over TLS").isNotNull();
            assertThat(receipt.getJMSCorrelationID()).isEqualTo(submission.getJMSMessageID());
        }
    }

    @Test
    void theTlsAcceptorRefusesAClientThatDoesNotTrustItsCertificate() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort
                + "?sslEnabled=true&reconnectAttempts=0");
        assertThatThrownBy(() -> {
            try (factory; Connection connection = factory.createConnection("PORT-QINZHOU", PORT_KEY)) {
                connection.start();
            }
        }).isInstanceOf(JMSException.class);
    }

    @Test
    void theStorePasswordsInTheTlsSettingsAreNeverLogged(CapturedOutput output) {
        assertThat(output.getAll()).contains("Started").doesNotContain(PASSWORD);
    }

    private static HttpRequest readiness(String scheme) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + httpsPort + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(30)).build();
    }

    /** A client trusting exactly the gateway's certificate. */
    private static HttpClient trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30)).build();
    }
}
