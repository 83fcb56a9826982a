package org.casw.gateway.as4;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.casw.certs.DevPki;
import org.casw.certs.Edelivery2Key;
import org.casw.certs.KeyFamily;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.PartnerAgreementFiles;
import org.casw.routes.delivery.Outbound;
import org.casw.routes.intake.IntakeResult;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.Submission;
import org.casw.routes.ledger.MessageLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import com.helger.scope.mgr.ScopeManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * eDelivery AS4 2.0 on the wire, both directions, against a bare phase4 peer configured on its own with the
 * profile's algorithms: the gateway's As4Channel sends to the peer's receiver, and the gateway's AS4 endpoint
 * takes the peer's message in and answers it. The messages are read as bytes for the algorithm identifiers.
 */
class As4Edelivery2WireTest {

    static final String EDDSA = "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519";
    static final String X25519 = "http://www.w3.org/2021/04/xmldsig-more#x25519";
    static final String HKDF = "http://www.w3.org/2021/04/xmldsig-more#hkdf";
    static final String KW_AES128 = "http://www.w3.org/2001/04/xmlenc#kw-aes128";
    static final String AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm";

    @TempDir
    static Path dir;

    static DevPki pki;
    static BareEdelivery2Peer peer;
    static As4Engine engine;
    static As4Runtime runtime;
    static ConfiguredPartners partners;

    @BeforeAll
    static void start() throws Exception {
        pki = DevPki.ensure(dir.resolve("certs"));
        peer = new BareEdelivery2Peer(pki, "SG-NSW", "SG-SWGW", "CN-CASW", gateway(Edelivery2Key.SIGNING));
        String endpoint = peer.receive();
        Path signing = pem("sg-ed25519.pem", pki.identity("SG-NSW", Edelivery2Key.SIGNING).certificate());
        Path encryption = pem("sg-x25519.pem", pki.identity("SG-NSW", Edelivery2Key.ENCRYPTION).certificate());
        Files.writeString(dir.resolve("SG-NSW.yml"), """
                party: SG-NSW
                role: PARTNER_SINGLE_WINDOW
                country: SG
                delivery: {channel: AS4}
                as4:
                  profile: edelivery2
                  our-party-id: CN-CASW
                  party-id: SG-SWGW
                  service: %s
                  action: %s
                  endpoint: %s
                  certificate: %s
                  encryption-certificate: %s
                """.formatted(BareEdelivery2Peer.SERVICE, BareEdelivery2Peer.ACTION, endpoint, signing, encryption));
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("gateway.agreements", "file:" + dir + "/*.yml")));
        new PartnerAgreementFiles().postProcessEnvironment(environment, null);
        partners = new ConfiguredPartners(Binder.get(environment).bindOrCreate("gateway", Bindable.of(GatewayProperties.class)),
                environment);
        Path password = pki.directory().resolve(DevPki.PASSWORD_FILE);
        GatewayProperties.KeyStoreEntry rsa = new GatewayProperties.KeyStoreEntry(pki.keystore("CASW-GATEWAY", KeyFamily.RSA_2048),
                pki.alias("CASW-GATEWAY", KeyFamily.RSA_2048), password, null);
        GatewayProperties.Edelivery2Keys keys = new GatewayProperties.Edelivery2Keys(
                new GatewayProperties.KeyStoreEntry(pki.edelivery2Keystore("CASW-GATEWAY"), pki.alias("CASW-GATEWAY", Edelivery2Key.SIGNING),
                        password, null),
                new GatewayProperties.KeyStoreEntry(pki.edelivery2Keystore("CASW-GATEWAY"),
                        pki.alias("CASW-GATEWAY", Edelivery2Key.ENCRYPTION), password, null));
        engine = As4Engine.start(null);
        runtime = new As4Runtime(As4Crypto.load(rsa, keys, partners.as4Agreements()), new As4PModes(partners.as4Agreements()), engine);
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (engine != null) {
            engine.close();
        }
        assertThat(ScopeManager.isGlobalScopePresent()).isFalse();
    }

    @Test
    void theGatewaySendsWithEd25519AndX25519AndTakesThePeersEd25519SignedReceipt() throws Exception {
        As4Ledger ledger = mock(As4Ledger.class);
        As4Channel channel = new As4Channel(partners, () -> runtime, ledger, url -> url);
        byte[] document = "<CertificateOfOrigin xmlns=\"urn:casw:origin:1\"><No>E26-ED2-0001</No></CertificateOfOrigin>"
                .getBytes(StandardCharsets.UTF_8);

        String outcome = channel.deliver(partners.find("SG-NSW").orElseThrow(), new Outbound("SW20261207ED200001", "E26-ED2-0001",
                "CERTIFICATE_OF_ORIGIN", "DEMO-ENTERPRISE", "SG-NSW", document));

        assertThat(outcome).startsWith("AS4 receipt ");
        String wire = peer.requests.get(peer.requests.size() - 1);
        assertThat(wire).contains("SignatureMethod Algorithm=\"" + EDDSA + "\"")
                .contains("AgreementMethod").contains("Algorithm=\"" + X25519 + "\"")
                .contains("KeyDerivationMethod").contains("Algorithm=\"" + HKDF + "\"")
                .contains("Algorithm=\"" + KW_AES128 + "\"").contains("Algorithm=\"" + AES128_GCM + "\"")
                .doesNotContain("rsa-oaep").doesNotContain("rsa-sha256");
        assertThat(peer.payloads).anySatisfy(p -> assertThat(p).isEqualTo(document));
        // the peer signed its receipt with Ed25519; the gateway checked it against the agreement's certificate and kept it
        assertThat(peer.answers.get(peer.answers.size() - 1)).contains("Receipt").contains(EDDSA);
        ArgumentCaptor<X509Certificate> signer = ArgumentCaptor.forClass(X509Certificate.class);
        verify(ledger).storeSentReceipt(eq("SW20261207ED200001"), any(), eq("SG-NSW"), any(), signer.capture(), any());
        assertThat(signer.getValue()).isEqualTo(pki.identity("SG-NSW", Edelivery2Key.SIGNING).certificate());
    }

    @Test
    void theGatewayTakesInThePeersMessageAndAnswersWithAnEd25519SignedReceipt() throws Exception {
        ProducerTemplate intake = mock(ProducerTemplate.class);
        ArgumentCaptor<Submission> submitted = ArgumentCaptor.forClass(Submission.class);
        when(intake.requestBody(eq(IntakeRoute.INTAKE), submitted.capture(), eq(IntakeResult.class))).thenReturn(new IntakeResult(
                IntakeResult.Outcome.ACCEPTED, "SW20261207ED2IN001", null, null, null, List.of(), null, Duration.ZERO));
        As4Ledger ledger = mock(As4Ledger.class);
        when(ledger.received(any())).thenReturn(java.util.Optional.empty());
        As4Endpoint endpoint = new As4Endpoint(() -> runtime, new As4Inbox(partners, intake, ledger, mock(MessageLedger.class), 1 << 20), ledger);
        byte[] document = "<CertificateOfOrigin xmlns=\"urn:casw:origin:1\"><No>E26-ED2-0002</No></CertificateOfOrigin>"
                .getBytes(StandardCharsets.UTF_8);
        BareEdelivery2Peer.Built built = peer.build("ed2-in-1@sg-swgw.test", document, gateway(Edelivery2Key.ENCRYPTION));
        String wire = new String(built.body(), StandardCharsets.ISO_8859_1);
        assertThat(wire).contains(EDDSA).contains(X25519).contains(HKDF).contains(KW_AES128).contains(AES128_GCM);

        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/as4");
        request.setContentType(built.contentType());
        request.addHeader("Content-Type", built.contentType());
        request.setContent(built.body());
        MockHttpServletResponse response = new MockHttpServletResponse();
        endpoint.doPost(request, response);

        String answer = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer).as(answer).contains("Receipt").contains("NonRepudiationInformation")
                .contains("SignatureMethod Algorithm=\"" + EDDSA + "\"").doesNotContain("EBMS:0");
        assertThat(submitted.getValue().payload()).isEqualTo(document);
        assertThat(submitted.getValue().sender()).isEqualTo("SG-NSW");
        // the receipt is kept as evidence before it leaves (As4Ledger.issued), for the message as taken in
        verify(ledger).issued(eq("ed2-in-1@sg-swgw.test"), any(), eq("SG-NSW"), eq("SW20261207ED2IN001"), any(), any(), any());
    }

    static X509Certificate gateway(Edelivery2Key key) {
        return pki.identity("CASW-GATEWAY", key).certificate();
    }

    static Path pem(String name, X509Certificate certificate) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, As4AgreementTest.pem(certificate));
        return file;
    }
}
