package org.casw.gateway.api;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A partner single window that must sign: its signatures are verified, and every failure has its own code. */
class SignedExchangeTest extends GatewayIntegrationTest {

    private static final String MY_NSW_KEY = "demo-my-nsw-key";
    private final XmlSigner signer = new XmlSigner();


    @Test
    void aCertificateSignedByThePartnerIsAcceptedAndTheSignerNoted() {
        HttpResponse<String> response = postXml(MY_NSW_KEY, signed(formD(), SigningProfile.XMLDSIG_ECDSA_SHA256, identity(KeyFamily.EC_P256)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String history = get(MY_NSW_KEY, "/api/v1/messages/" + json(response).get("trackingId").asText()).body();
        assertThat(history).contains("signature verified: xmldsig-ecdsa-sha256", "MY-NSW");
    }

    @Test
    void anUnsignedDocumentFromAPartnerThatMustSignIsRefused() {
        assertRefused(postXml(MY_NSW_KEY, formD()), "SIGNATURE_REQUIRED");
    }

    @Test
    void oneChangedCharacterOfSignedContentIsRefused() {
        String signed = signed(formD(), SigningProfile.XMLDSIG_RSA_SHA256, identity(KeyFamily.RSA_2048));
        assertRefused(postXml(MY_NSW_KEY, signed.replace("Pulau Indah", "Pulau Indoh")), "SIGNATURE_INVALID");
    }

    @Test
    void aSignerFromAnotherPkiIsUntrusted(@TempDir java.nio.file.Path otherPki) throws Exception {
        java.nio.file.Files.setPosixFilePermissions(otherPki, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        IssuedIdentity stranger = DevPki.ensure(otherPki).identity("MY-NSW", KeyFamily.EC_P256);

        assertRefused(postXml(MY_NSW_KEY, signed(formD(), SigningProfile.XMLDSIG_ECDSA_SHA256,
                new SigningIdentity(stranger.privateKey(), stranger.chain()))), "UNTRUSTED_SIGNER");
    }

    @Test
    void anExpiredSignerCertificateIsRefused() {
        Instant now = Instant.now();
        IssuedIdentity expired = devPki.issue("MY-NSW", "MY-NSW expired", KeyFamily.EC_P256,
                now.minus(400, ChronoUnit.DAYS), now.minus(35, ChronoUnit.DAYS));

        assertRefused(postXml(MY_NSW_KEY, signed(formD(), SigningProfile.XMLDSIG_ECDSA_SHA256,
                new SigningIdentity(expired.privateKey(), expired.chain()))), "CERTIFICATE_EXPIRED");
    }

    @Test
    void aProfileOutsideThePartnersAllowListIsRefused() {
        assertRefused(postXml(MY_NSW_KEY, signed(formD(), SigningProfile.CN_EPORT_SM2, identity(KeyFamily.SM2))), "ALGORITHM_NOT_ALLOWED");
    }

    @Test
    void aValidSignatureByAnotherCertificateOfThePartnersRootIsRefusedAsNotItsPinnedSigner() {
        Instant now = Instant.now();
        IssuedIdentity neighbour = devPki.issue("MY-NSW", "Someone else under the same root", KeyFamily.EC_P256,
                now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));

        HttpResponse<String> response = postXml(MY_NSW_KEY, signed(formD(), SigningProfile.XMLDSIG_ECDSA_SHA256,
                new SigningIdentity(neighbour.privateKey(), neighbour.chain())));

        assertRefused(response, "SIGNER_NOT_PINNED");
        assertThat(response.body()).contains("CN=Malaysia National Single Window");
    }

    @Test
    void thePinnedSignerIsNotedInTheHistory() {
        HttpResponse<String> response = postXml(MY_NSW_KEY, signed(formD(), SigningProfile.XMLDSIG_RSA_SHA256, identity(KeyFamily.RSA_2048)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String history = get(MY_NSW_KEY, "/api/v1/messages/" + json(response).get("trackingId").asText()).body();
        assertThat(history).contains("pinned signer");
    }

    /** Issue 14: this threw out of the verifier, left the message RECEIVED and answered 503 on every resend. */
    @Test
    void signedPropertiesIdentifiedByIDInsteadOfIdEndsRejectedWithACodeNotA503() {
        String signed = new String(signer.sign(formD().getBytes(StandardCharsets.UTF_8), SigningProfile.XMLDSIG_ECDSA_SHA256,
                identity(KeyFamily.EC_P256), SigningOptions.xades(null)), StandardCharsets.UTF_8);
        String respelt = signed.replaceFirst("(<xades:SignedProperties[^>]*?) Id=", "$1 ID=");
        assertThat(respelt).isNotEqualTo(signed);

        HttpResponse<String> response = postXml(MY_NSW_KEY, respelt);

        assertRefused(response, "SIGNATURE_INVALID");
        String trackingId = json(response).get("trackingId").asText();
        assertThat(json(get(MY_NSW_KEY, "/api/v1/messages/" + trackingId)).get("status").asText()).isEqualTo("REJECTED");
    }

    private void assertRefused(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains(code);
    }

    private SigningIdentity identity(KeyFamily family) {
        IssuedIdentity issued = devPki.identity("MY-NSW", family);
        return new SigningIdentity(issued.privateKey(), issued.chain());
    }

    private String signed(String xml, SigningProfile profile, SigningIdentity identity) {
        return new String(signer.sign(xml.getBytes(StandardCharsets.UTF_8), profile, identity, SigningOptions.defaults()), StandardCharsets.UTF_8);
    }

    /** The Form D sample under a fresh certificate number, so tests do not collide. */
    private static String formD() {
        String sample = Samples.sample("certificate-of-origin", "valid", "form-d-palm-oil-my-sg.xml");
        String number = sample.replaceAll("(?s).*<CertificateNo>([^<]+)</CertificateNo>.*", "$1");
        return sample.replace(number, "D26-MY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
    }
}
