package org.casw.gateway.signature;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.config.GatewayPropertiesFixture;
import org.casw.gateway.partner.InvalidPartnerAgreementException;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartyRole;
import org.casw.routes.signature.SigningProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signature agreements: the key in force rolls over at its instant, and broken settings stop start-up. */
class PartnerSignaturesTest {

    private static final Instant ROLLOVER = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private DevPki pki;

    @BeforeEach
    void pki() {
        pki = DevPki.ensure(dir);
    }

    @Test
    void theNextKeySignsFromItsInstantOn() {
        var before = signatures(ROLLOVER.minus(Duration.ofDays(1))).signingFor("SG-NSW").orElseThrow();
        var after = signatures(ROLLOVER).signingFor("SG-NSW").orElseThrow();

        assertThat(before.identity().certificate()).isEqualTo(pki.certificate("CASW-GATEWAY", KeyFamily.EC_P256));
        assertThat(after.identity().certificate()).isEqualTo(pki.certificate("DEMO-ENTERPRISE", KeyFamily.EC_P256));
        assertThat(after.profile()).isEqualTo(SigningProfile.XMLDSIG_ECDSA_SHA256);
        assertThat(signatures(ROLLOVER).nextIdentities()).containsKey(SigningProfile.XMLDSIG_ECDSA_SHA256);
    }

    @Test
    void aProfileWithoutAKeyAndAMissingKeyStoreAreBothReported() {
        GatewayProperties properties = properties(Map.of("xmldsig-ecdsa-sha256", entry("NO-SUCH", KeyFamily.EC_P256, null)), Map.of(),
                "xmldsig-rsa-sha256");

        assertThatThrownBy(() -> new PartnerSignatures(properties, new StaticListableBeanFactory().getBeanProvider(DevPki.class)))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.getMessage())
                        .contains("gateway.signing.identities.xmldsig-ecdsa-sha256: key store", "cannot be read")
                        .contains("gateway.partners.SG-NSW.signatures.sign-with: no key for xmldsig-rsa-sha256"));
    }

    @Test
    void aCrlFileInTheAgreementRevokesASigner() throws Exception {
        var signer = pki.identity("SG-NSW", KeyFamily.EC_P256).certificate();
        Path crl = dir.resolve("sg.crl");
        java.nio.file.Files.write(crl, revoking(signer));
        var signatures = new GatewayProperties.Signatures(null, "SHA1", false, true, List.of("xmldsig-ecdsa-sha256"),
                List.of(pki.directory().resolve("root-ec.pem")), List.of(), List.of(crl.toString()), null, List.of(), false);
        var partner = new GatewayProperties.Partner("SG-NSW", "Singapore", PartyRole.PARTNER_SINGLE_WINDOW, "SG", List.of(), List.of(),
                new GatewayProperties.Delivery(DeliveryChannel.MAILBOX, null, null), null, null, null, false, signatures, null, List.of(), null, null, null, null,
                null, null, null);
        GatewayProperties properties = GatewayPropertiesFixture.with(Map.of("SG-NSW", partner)).dataDir(dir).agreements("classpath:agreements/*.yml").build();

        var trust = new PartnerSignatures(properties, new StaticListableBeanFactory().getBeanProvider(DevPki.class))
                .verificationFor("SG-NSW").orElseThrow().trust();

        assertThat(trust.check(pki.identity("SG-NSW", KeyFamily.EC_P256).chain(), Instant.now()))
                .extracting(org.casw.routes.validation.Violation::code).contains("CERTIFICATE_REVOKED");
    }

    @Test
    void revocationRequiredWithoutCrlsOrOcspRefusesTheAgreementAtStart() {
        var signatures = new GatewayProperties.Signatures(null, "SHA1", false, true, List.of("xmldsig-ecdsa-sha256"),
                List.of(pki.directory().resolve("root-ec.pem")), List.of(), List.of(), null, List.of(), true);

        assertThatThrownBy(() -> new PartnerSignatures(verifying(signatures), new StaticListableBeanFactory().getBeanProvider(DevPki.class)))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.getMessage())
                        .contains("gateway.partners.SG-NSW.signatures.revocation-required: needs 'crls' or 'ocsp'"));
    }

    @Test
    void revocationRequiredRefusesASignerWhoseRevocationStatusIsUnknown() throws Exception {
        Path crl = dir.resolve("ec.crl");
        java.nio.file.Files.write(crl, revoking(pki.identity("DEMO-ENTERPRISE", KeyFamily.EC_P256).certificate()));
        var signatures = new GatewayProperties.Signatures(null, "SHA1", false, true, List.of("xmldsig-ecdsa-sha256", "xmldsig-rsa-sha256"),
                List.of(pki.directory().resolve("root-ec.pem"), pki.directory().resolve("root-rsa.pem")), List.of(), List.of(crl.toString()),
                null, List.of(), true);

        var trust = new PartnerSignatures(verifying(signatures), new StaticListableBeanFactory().getBeanProvider(DevPki.class))
                .verificationFor("SG-NSW").orElseThrow().trust();

        assertThat(trust.check(pki.identity("SG-NSW", KeyFamily.EC_P256).chain(), Instant.now())).isEmpty();
        assertThat(trust.check(pki.identity("SG-NSW", KeyFamily.RSA_2048).chain(), Instant.now()))
                .anySatisfy(v -> assertThat(v.message()).contains("revocation status"));
    }

    @Test
    void pinnedSignersReachThePolicyAndAPinWithoutSubjectOrKeyIdentifierIsReported() {
        String subject = pki.certificate("SG-NSW", KeyFamily.EC_P256).getSubjectX500Principal().getName();
        var signatures = new GatewayProperties.Signatures(null, "SHA1", false, true, List.of("xmldsig-ecdsa-sha256"),
                List.of(pki.directory().resolve("root-ec.pem")), List.of(), List.of(), null,
                List.of(new GatewayProperties.Signer(subject, null)), false);
        var broken = new GatewayProperties.Signatures(null, "SHA1", false, true, List.of("xmldsig-ecdsa-sha256"),
                List.of(pki.directory().resolve("root-ec.pem")), List.of(), List.of(), null,
                List.of(new GatewayProperties.Signer(null, "not-hex")), false);

        var policy = new PartnerSignatures(verifying(signatures), new StaticListableBeanFactory().getBeanProvider(DevPki.class))
                .verificationFor("SG-NSW").orElseThrow();

        assertThat(policy.signers()).hasSize(1);
        assertThat(policy.signers().get(0).matches(pki.certificate("SG-NSW", KeyFamily.EC_P256))).isTrue();
        assertThatThrownBy(() -> new PartnerSignatures(verifying(broken), new StaticListableBeanFactory().getBeanProvider(DevPki.class)))
                .hasMessageContaining("gateway.partners.SG-NSW.signatures.signers[0]: key-identifier 'not-hex' is not hexadecimal");
    }

    private GatewayProperties verifying(GatewayProperties.Signatures signatures) {
        var partner = new GatewayProperties.Partner("SG-NSW", "Singapore", PartyRole.PARTNER_SINGLE_WINDOW, "SG", List.of(), List.of(),
                new GatewayProperties.Delivery(DeliveryChannel.MAILBOX, null, null), null, null, null, false, signatures, null, List.of(), null, null, null, null, null, null, null);
        return GatewayPropertiesFixture.with(Map.of("SG-NSW", partner)).dataDir(dir).agreements("classpath:agreements/*.yml").build();
    }

    /** A CRL signed by the development EC root, revoking one certificate an hour ago. */
    private byte[] revoking(java.security.cert.X509Certificate certificate) throws Exception {
        var store = java.security.KeyStore.getInstance("PKCS12", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        try (var in = java.nio.file.Files.newInputStream(pki.directory().resolve(DevPki.ROOT_CA_FILE))) {
            store.load(in, pki.password());
        }
        var rootKey = (java.security.PrivateKey) store.getKey(DevPki.rootAlias(KeyFamily.EC_P256), pki.password());
        var root = pki.rootCertificate(KeyFamily.EC_P256);
        Instant now = Instant.now();
        var builder = new org.bouncycastle.cert.X509v2CRLBuilder(
                org.bouncycastle.asn1.x500.X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), java.util.Date.from(now));
        builder.setNextUpdate(java.util.Date.from(now.plus(Duration.ofDays(7))));
        builder.addCRLEntry(certificate.getSerialNumber(), java.util.Date.from(now.minus(Duration.ofHours(1))),
                org.bouncycastle.asn1.x509.CRLReason.superseded);
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(rootKey);
        return builder.build(signer).getEncoded();
    }

    private PartnerSignatures signatures(Instant now) {
        GatewayProperties properties = properties(
                Map.of("xmldsig-ecdsa-sha256", entry("CASW-GATEWAY", KeyFamily.EC_P256, null)),
                Map.of("xmldsig-ecdsa-sha256", entry("DEMO-ENTERPRISE", KeyFamily.EC_P256, ROLLOVER)), "xmldsig-ecdsa-sha256");
        return new PartnerSignatures(properties, new StaticListableBeanFactory().getBeanProvider(DevPki.class),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private GatewayProperties.KeyStoreEntry entry(String party, KeyFamily family, Instant from) {
        return new GatewayProperties.KeyStoreEntry(pki.directory().resolve(party + "-" + family.suffix() + ".p12"),
                party + "-" + family.suffix(), pki.directory().resolve(DevPki.PASSWORD_FILE), from);
    }

    private GatewayProperties properties(Map<String, GatewayProperties.KeyStoreEntry> identities,
            Map<String, GatewayProperties.KeyStoreEntry> next, String signWith) {
        var signatures = new GatewayProperties.Signatures(signWith, "SHA1", false, false, List.of(), List.of(), List.of(), List.of(), null, List.of(), false);
        var partner = new GatewayProperties.Partner("SG-NSW", "Singapore", PartyRole.PARTNER_SINGLE_WINDOW, "SG", List.of(), List.of(),
                new GatewayProperties.Delivery(DeliveryChannel.MAILBOX, null, null), null, null, null, false, signatures, null, List.of(), null, null, null, null,
                null, null, null);
        return GatewayPropertiesFixture.with(Map.of("SG-NSW", partner)).dataDir(dir).agreements("classpath:agreements/*.yml")
                .signing(new GatewayProperties.Signing(identities, next)).build();
    }
}
