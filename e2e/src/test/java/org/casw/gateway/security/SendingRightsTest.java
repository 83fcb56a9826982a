package org.casw.gateway.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.persistence.JdbcCertificateRegistry;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each party sends only what its role and agreement allow: certificates of origin, their utilization notices, AEO
 * notices and receipts carry an authority's word and come only from the customs or window that speaks for it.
 */
class SendingRightsTest extends GatewayIntegrationTest {

    private static final String OPERATOR_KEY = "demo-operator-key";
    private static final String SG_KEY = "demo-sg-nsw-key";

    @Autowired
    JdbcCertificateRegistry registry;

    @Test
    void anEnterpriseCannotIssueACertificateOfOriginAndNothingIsRegistered() {
        String number = freshNumber("E26-TH-");
        HttpResponse<String> response = postXml(ENTERPRISE_KEY, formE(number));

        assertForbidden(response, "DOCUMENT_TYPE_NOT_ALLOWED");
        assertThat(response.body()).contains("DEMO-ENTERPRISE (ENTERPRISE) may not send CERTIFICATE_OF_ORIGIN");
        assertThat(registry.find(number)).isEmpty();
        // refused, yet recorded: the audit history says who tried what and why
        JsonNode message = json(get(ENTERPRISE_KEY, "/api/v1/messages/" + json(response).get("trackingId").asText()));
        assertThat(message.get("status").asText()).isEqualTo("REJECTED");
        assertThat(message.get("history").toString()).contains("not allowed: DOCUMENT_TYPE_NOT_ALLOWED");
    }

    @Test
    void aWindowCannotIssueAnotherCountrysCertificateEvenSignedWithItsOwnKey() {
        String number = freshNumber("E26-TH-");

        HttpResponse<String> response = postXml(SG_KEY, signedBySingapore(formE(number)));

        assertForbidden(response, "CERTIFICATE_ISSUER_MISMATCH");
        assertThat(response.body()).contains("/CertificateOfOrigin/ExportingCountry", "SG-NSW acts for SG");
        assertThat(registry.find(number)).isEmpty();
    }

    @Test
    void aCertificateOfOriginMustCarryItsIssuersSignatureEvenWhereTheAgreementAcceptsUnsignedDocuments() {
        String number = freshNumber("CSFTA-CN-");
        String certificate = Samples.sample("certificate-of-origin", "valid", "csfta-ev-cn-sg.xml")
                .replaceFirst("<CertificateNo>[^<]+</CertificateNo>", "<CertificateNo>" + number + "</CertificateNo>");

        HttpResponse<String> unsigned = postXml("sandbox-customs-key", certificate);

        assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(422);
        assertThat(json(unsigned).get("code").asText()).isEqualTo("CERTIFICATE_SIGNATURE_REQUIRED");
        assertThat(registry.find(number)).isEmpty();
        assertThat(issueCertificate(certificate).response().statusCode()).isEqualTo(202);
        assertThat(registry.find(number)).isPresent();
    }

    @Test
    void onlyCustomsAnswersManifestsAndDeclarations() throws Exception {
        HttpResponse<String> declarationReceipt = postXml(ENTERPRISE_KEY, Samples.sample("declaration-receipt", "valid",
                "released.xml"));
        assertForbidden(declarationReceipt, "DOCUMENT_TYPE_NOT_ALLOWED");

        // the port receives import sea manifests: it may still not release one with a receipt of its own
        sendOverJms("sw.in.port", Samples.sample("manifest-receipt", "valid", "mt1101-accepted.xml"));
        String receipt = receiveOverJms("sw.reply.PORT-QINZHOU", "DOCUMENT_TYPE_NOT_ALLOWED");
        assertThat(receipt).contains("<Status>REJECTED</Status>", "PORT-QINZHOU (PORT) may not send MANIFEST_RECEIPT");
    }

    @Test
    void utilizationNoticesComeOnlyFromTheImportingCountrysCustoms() {
        String number = freshNumber("E26-TH-");
        assertThat(issueCertificate(formE(number)).response().statusCode()).isEqualTo(202);
        String notice = Samples.sample("certificate-utilization", "valid", "durian-used-qinzhou.xml")
                .replace("E26-TH-0001187", number).replace("CN-7205-COU-20261121-0001", "COU-" + number);

        assertForbidden(postXml(ENTERPRISE_KEY, notice), "DOCUMENT_TYPE_NOT_ALLOWED");
        // Singapore's window may report uses in Singapore, not China's
        HttpResponse<String> fromSingapore = postXml(SG_KEY, signedBySingapore(notice));
        assertForbidden(fromSingapore, "UTILIZATION_ISSUER_MISMATCH");
        assertThat(fromSingapore.body()).contains("/CertificateUtilization/ImportingCountry");
        assertThat(postXml("sandbox-customs-key", notice).statusCode()).isEqualTo(202);
    }

    @Test
    void operatorsDoNotSubmitDocuments() {
        HttpResponse<String> response = postXml(OPERATOR_KEY, Samples.declaration("OPS-" + UUID.randomUUID()));

        assertForbidden(response, "UNKNOWN_SENDER");
        assertThat(json(response).has("trackingId")).isFalse();
    }

    @Test
    void aSuspendedPartyNeitherSubmitsNorReadsUntilResumed() {
        String number = freshNumber("E26-TH-");
        assertThat(postTo(OPERATOR_KEY, "/api/v1/partners/TH-NSW/suspend").statusCode()).isEqualTo(200);
        try {
            IssuedSubmission refused = issueCertificate(formE(number));
            assertForbidden(refused.response(), "PARTY_SUSPENDED");
            assertThat(registry.find(number)).isEmpty();
            HttpResponse<String> mailbox = get(refused.apiKey(), "/api/v1/messages");
            assertThat(mailbox.statusCode()).isEqualTo(403);
            assertThat(json(mailbox).get("code").asText()).isEqualTo("PARTY_SUSPENDED");
        } finally {
            assertThat(postTo(OPERATOR_KEY, "/api/v1/partners/TH-NSW/resume").statusCode()).isEqualTo(200);
        }
        assertThat(get("demo-th-nsw-key", "/api/v1/messages").statusCode()).isEqualTo(200);
        assertThat(issueCertificate(formE(freshNumber("E26-TH-"))).response().statusCode()).isEqualTo(202);
    }

    private HttpResponse<String> postTo(String key, String path) {
        return client.postTo(key, path);
    }

    private String signedBySingapore(String xml) {
        IssuedIdentity window = devPki.identity("SG-NSW", KeyFamily.EC_P256);
        return new String(new XmlSigner().sign(xml.getBytes(StandardCharsets.UTF_8), SigningProfile.XMLDSIG_ECDSA_SHA256,
                new SigningIdentity(window.privateKey(), window.chain()), SigningOptions.defaults()), StandardCharsets.UTF_8);
    }

    private static String formE(String number) {
        return Samples.sample("certificate-of-origin", "valid", "form-e-durian-th-cn.xml").replace("E26-TH-0001187", number);
    }

    private static String freshNumber(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static void assertForbidden(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(json(response).get("code").asText()).isEqualTo(code);
    }
}
