package org.casw.gateway.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.stream.Stream;
import org.casw.certs.DevPki;
import org.casw.certs.Edelivery2Key;
import org.casw.gateway.GatewayClient;
import org.casw.gateway.IssuingAuthorities;
import org.casw.gateway.as4.BareEdelivery2Peer;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.scope.mgr.ScopeManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exchange of {@link As4GatewayExchangeTest} under eDelivery AS4 2.0 ({@code as4.profile: edelivery2}): two gateways,
 * each with its own Ed25519 signing and X25519 encryption keys from the development PKI, send certificates of origin
 * both ways; and a bare phase4 sender with the profile's algorithms sends to the China gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class As4Edelivery2ExchangeTest {

    static final String EDDSA = "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519";
    static final String CHINA_PARTY = "CN-CASW";
    static final String SINGAPORE_PARTY = "SG-SWGW";

    static DevPki pki;
    static GatewayProcess china;
    static GatewayProcess singapore;
    static BareEdelivery2Peer bare;

    @BeforeAll
    static void startBothGateways() throws Exception {
        Path base = TestData.newDataDir("as4-edelivery2");
        pki = DevPki.ensure(base.resolve("pki"));
        Path chinaData = dataDir(base, "china");
        Path singaporeData = dataDir(base, "singapore");
        Path sgCerts = singaporeData.resolve("certs");
        china = new GatewayProcess(chinaData, As4GatewayExchangeTest.arguments(chinaData.resolve("agreements")));
        singapore = new GatewayProcess(singaporeData, As4GatewayExchangeTest.arguments(singaporeData.resolve("agreements"),
                "--gateway.as4.identity.keystore=" + sgCerts.resolve("SG-NSW-rsa.p12"), "--gateway.as4.identity.alias=SG-NSW-rsa",
                "--gateway.as4.edelivery2.signing.keystore=" + sgCerts.resolve("SG-NSW-edelivery2.p12"),
                "--gateway.as4.edelivery2.signing.alias=SG-NSW-ed25519",
                "--gateway.as4.edelivery2.encryption.keystore=" + sgCerts.resolve("SG-NSW-edelivery2.p12"),
                "--gateway.as4.edelivery2.encryption.alias=SG-NSW-x25519"));

        As4GatewayExchangeTest.issuingAuthority(chinaData, "CN-CUSTOMS", "CUSTOMS", "CN", As4GatewayExchangeTest.CUSTOMS_KEY,
                "cn-eport-sm2", chinaData.resolve("certs/root-sm2.pem"));
        edelivery2Peer(chinaData, "SG-NSW", "SG", CHINA_PARTY, SINGAPORE_PARTY, singapore.port(), base, "SG-NSW");
        As4GatewayExchangeTest.issuingAuthority(singaporeData, "SG-NSW", "PARTNER_SINGLE_WINDOW", "SG", As4GatewayExchangeTest.SG_NSW_KEY,
                "xmldsig-ecdsa-sha256", singaporeData.resolve("certs/root-ec.pem"));
        edelivery2Peer(singaporeData, "CN-CASW", "CN", SINGAPORE_PARTY, CHINA_PARTY, china.port(), base, "CASW-GATEWAY");
        china.start();
        singapore.start();
        // the bare peer is phase4 in this JVM, which needs its process-wide scope
        if (!ScopeManager.isGlobalScopePresent()) {
            ScopeManager.onGlobalBegin("bare-edelivery2-peer");
        }
        MetaAS4Manager.getInstance();
        bare = new BareEdelivery2Peer(pki, "SG-NSW", SINGAPORE_PARTY, CHINA_PARTY, certificate("CASW-GATEWAY", Edelivery2Key.SIGNING));
    }

    @AfterAll
    static void stop() {
        if (bare != null) {
            bare.close();
        }
        if (ScopeManager.isGlobalScopePresent()) {
            ScopeManager.onGlobalEnd();
        }
        if (china != null) {
            china.close();
        }
        if (singapore != null) {
            singapore.close();
        }
    }

    @Test
    @Order(1)
    void aCertificateOfOriginGoesFromChinaToSingaporeUnderEdelivery2AndItsEd25519SignedReceiptIsStored() {
        IssuingAuthorities.Issued certificate = IssuingAuthorities.issue(pki,
                Samples.sample("certificate-of-origin", "valid", "csfta-ev-cn-sg.xml"));
        HttpResponse<String> submitted = china.client().postXml(As4GatewayExchangeTest.CUSTOMS_KEY, certificate.xml());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String trackingId = GatewayClient.json(submitted).get("trackingId").asText();

        As4GatewayExchangeTest.awaitStatus(china.client(), As4GatewayExchangeTest.CUSTOMS_KEY, trackingId, "DELIVERED");
        HttpResponse<String> receipt = china.client().get(As4GatewayExchangeTest.CUSTOMS_KEY,
                "/api/v1/messages/" + trackingId + "/as4-receipt");
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        assertThat(receipt.headers().firstValue("X-SW-AS4-Signer").orElseThrow()).contains("SG-NSW");
        assertThat(receipt.body()).contains("NonRepudiationInformation").contains("SignatureMethod Algorithm=\"" + EDDSA + "\"");

        JsonNode received = As4GatewayExchangeTest.awaitOne(singapore.client(), As4GatewayExchangeTest.SG_NSW_KEY, "S26-4507-000562");
        assertThat(received.get("sender").asText()).isEqualTo("CN-CASW");
    }

    @Test
    @Order(2)
    void aCertificateOfOriginGoesFromSingaporeToChinaUnderEdelivery2() {
        IssuingAuthorities.Issued certificate = IssuingAuthorities.issue(pki,
                Samples.sample("certificate-of-origin", "valid", "form-e-rubber-compound-sg-cn.xml"));
        HttpResponse<String> submitted = singapore.client().postXml(As4GatewayExchangeTest.SG_NSW_KEY, certificate.xml());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String trackingId = GatewayClient.json(submitted).get("trackingId").asText();

        As4GatewayExchangeTest.awaitStatus(singapore.client(), As4GatewayExchangeTest.SG_NSW_KEY, trackingId, "DELIVERED");
        HttpResponse<String> receipt = singapore.client().get(As4GatewayExchangeTest.SG_NSW_KEY,
                "/api/v1/messages/" + trackingId + "/as4-receipt");
        assertThat(receipt.headers().firstValue("X-SW-AS4-Signer").orElseThrow()).contains("CASW-GATEWAY");
        assertThat(receipt.body()).contains("SignatureMethod Algorithm=\"" + EDDSA + "\"");

        JsonNode received = As4GatewayExchangeTest.awaitOne(china.client(), As4GatewayExchangeTest.CUSTOMS_KEY, "E26-SG-0000527");
        assertThat(received.get("sender").asText()).isEqualTo("SG-NSW");
    }

    @Test
    @Order(3)
    void aBarePhase4SenderWithTheEdelivery2AlgorithmsIsAnsweredWithAnEd25519SignedReceipt() throws Exception {
        BareEdelivery2Peer.Built built = bare.build("ed2-bare-1@sg-swgw.test", As4GatewayExchangeTest.certificate("E26-SG-ED2-900001"),
                certificate("CASW-GATEWAY", Edelivery2Key.ENCRYPTION));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + china.port() + "/as4")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", built.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(built.body())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("Receipt").contains("NonRepudiationInformation")
                .contains("SignatureMethod Algorithm=\"" + EDDSA + "\"").doesNotContain("EBMS:0");
        As4GatewayExchangeTest.awaitOne(china.client(), As4GatewayExchangeTest.CUSTOMS_KEY, "E26-SG-ED2-900001");
    }

    static X509Certificate certificate(String party, Edelivery2Key key) {
        return pki.identity(party, key).certificate();
    }

    static Path dataDir(Path base, String name) throws Exception {
        Path dir = base.resolve(name);
        Files.createDirectories(dir.resolve("agreements"));
        Files.createDirectories(dir.resolve("certs"));
        try (Stream<Path> files = Files.list(pki.directory())) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve("certs").resolve(file.getFileName()));
            }
        }
        return dir;
    }

    /** The other gateway over AS4 under eDelivery AS4 2.0: its Ed25519 certificate verifies, its X25519 one is encrypted for. */
    static void edelivery2Peer(Path dataDir, String party, String country, String ourPartyId, String theirPartyId, int port, Path base,
            String theirKeys) throws Exception {
        Path signing = As4GatewayExchangeTest.pem(base.resolve(dataDir.getFileName() + "-" + party + "-ed25519.pem"),
                certificate(theirKeys, Edelivery2Key.SIGNING));
        Path encryption = As4GatewayExchangeTest.pem(base.resolve(dataDir.getFileName() + "-" + party + "-x25519.pem"),
                certificate(theirKeys, Edelivery2Key.ENCRYPTION));
        As4GatewayExchangeTest.agreement(dataDir, party, """
                role: PARTNER_SINGLE_WINDOW
                country: %s
                delivery: {channel: AS4}
                retry: {max-attempts: 3, initial-delay: 200ms, max-delay: 1s}
                receives:
                  - document-type: CERTIFICATE_OF_ORIGIN
                    when: {importing-country: [%s]}
                as4:
                  profile: edelivery2
                  our-party-id: %s
                  party-id: %s
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  endpoint: http://127.0.0.1:%d/as4
                  certificate: %s
                  encryption-certificate: %s
                """.formatted(country, country, ourPartyId, theirPartyId, port, signing, encryption));
    }
}
