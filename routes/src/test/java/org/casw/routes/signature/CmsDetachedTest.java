package org.casw.routes.signature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class CmsDetachedTest {

    /** A cut-down UN/EDIFACT CUSCAR (customs cargo report) interchange. */
    static final String CUSCAR = String.join("\n",
            "UNA:+.? '",
            "UNB+UNOC:3+CNQZHPORT:ZZZ+SGNSW:ZZZ+250314:0930+CASW0000123'",
            "UNH+1+CUSCAR:D:95B:UN'",
            "BGM+785+QZSG2503140001+9'",
            "DTM+137:202503140930:203'",
            "TDT+20+V2503E+1++COSCO:172:20+++9871234:146:11:MV XIN QINZHOU'",
            "LOC+5+CNQZH:139:6'",
            "LOC+8+SGSIN:139:6'",
            "CNI+1+QZSG250314A'",
            "GID+1+120:CT'",
            "FTX+AAA+++ELECTRONIC COMPONENTS, HS 8542.31'",
            "MEA+AAE+G+KGM:1840.5'",
            "EQD+CN+TGHU1234567:6346:5+45G1:6346:5'",
            "UNT+12+1'",
            "UNZ+1+CASW0000123'");

    private static final byte[] PAYLOAD = CUSCAR.getBytes(StandardCharsets.UTF_8);
    private static final String PARTY = "DEMO-ENTERPRISE";

    @TempDir
    static Path directory;

    private static DevPki pki;
    private static DevPki otherPki;

    private final CmsDetachedSigner signer = new CmsDetachedSigner();
    private final CmsDetachedVerifier verifier = new CmsDetachedVerifier();

    @BeforeAll
    static void createPkis() {
        pki = DevPki.ensure(directory.resolve("ours"));
        otherPki = DevPki.ensure(directory.resolve("other"));
    }

    private static CertificateTrust trust(KeyFamily family) {
        return new PkixCertificateTrust(List.of(pki.rootCertificate(family)));
    }

    private static List<String> codes(CmsVerification result) {
        return result.violations().stream().map(Violation::code).toList();
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void signatureOverEdifactVerifiesPerFamily(KeyFamily family) {
        IssuedIdentity identity = pki.identity(PARTY, family);
        Instant before = Instant.now().minusSeconds(1);

        byte[] signature = signer.sign(PAYLOAD, identity.privateKey(), identity.chain());
        CmsVerification result = verifier.verify(PAYLOAD, signature, trust(family), Clock.systemUTC());

        assertThat(result.violations()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.signerSubject()).contains("OU=" + PARTY);
        assertThat(result.certificateSerialHex()).isEqualTo(identity.certificate().getSerialNumber().toString(16));
        assertThat(result.algorithm()).isEqualTo(switch (family) {
            case EC_P256 -> "SHA256WITHECDSA";
            case RSA_2048 -> "SHA256WITHRSA";
            case SM2 -> "SM3WITHSM2";
        });
        assertThat(result.signingTime()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void signatureDoesNotEncapsulateThePayload(KeyFamily family) {
        IssuedIdentity identity = pki.identity(PARTY, family);

        byte[] signature = signer.sign(PAYLOAD, identity.privateKey(), identity.chain());

        assertThat(new String(signature, StandardCharsets.ISO_8859_1)).doesNotContain("CUSCAR");
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void oneChangedPayloadByteIsSignatureInvalid(KeyFamily family) {
        IssuedIdentity identity = pki.identity(PARTY, family);
        byte[] signature = signer.sign(PAYLOAD, identity.privateKey(), identity.chain());
        byte[] altered = PAYLOAD.clone();
        int index = CUSCAR.indexOf("1840.5") + 1;
        altered[index] = (byte) '9'; // 1840.5 kg -> 1940.5 kg

        CmsVerification result = verifier.verify(altered, signature, trust(family), Clock.systemUTC());

        assertThat(result.valid()).isFalse();
        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
        assertThat(result.violations().get(0).message()).contains("payload");
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void signatureByAKeyOfAnotherPkiIsUntrustedSigner(KeyFamily family) {
        IssuedIdentity stranger = otherPki.identity(PARTY, family);
        byte[] signature = signer.sign(PAYLOAD, stranger.privateKey(), stranger.chain());

        CmsVerification result = verifier.verify(PAYLOAD, signature, trust(family), Clock.systemUTC());

        assertThat(codes(result)).containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
        assertThat(result.certificateSerialHex()).isEqualTo(stranger.certificate().getSerialNumber().toString(16));
    }

    @Test
    void trustIsCheckedAtTheSignedSigningTime() {
        KeyFamily family = KeyFamily.SM2;
        Instant base = pki.rootCertificate(family).getNotBefore().toInstant().plus(Duration.ofHours(1));
        IssuedIdentity shortLived = pki.issue(PARTY, "Short lived", family, base, base.plus(Duration.ofHours(1)));
        Clock afterExpiry = Clock.fixed(base.plus(Duration.ofHours(2)), ZoneOffset.UTC);
        Clock duringValidity = Clock.fixed(base.plus(Duration.ofMinutes(30)), ZoneOffset.UTC);

        byte[] late = new CmsDetachedSigner(afterExpiry).sign(PAYLOAD, shortLived.privateKey(), shortLived.chain());
        byte[] inTime = new CmsDetachedSigner(duringValidity).sign(PAYLOAD, shortLived.privateKey(), shortLived.chain());

        CmsVerification lateResult = verifier.verify(PAYLOAD, late, trust(family), afterExpiry);
        assertThat(codes(lateResult)).containsExactly(SignatureCodes.CERTIFICATE_EXPIRED);
        assertThat(lateResult.signingTime()).isEqualTo(base.plus(Duration.ofHours(2)));
        // Verified later, a signature made while the certificate was valid still counts.
        assertThat(verifier.verify(PAYLOAD, inTime, trust(family), afterExpiry).violations()).isEmpty();
    }

    @Test
    void signingTimeFarInTheFutureIsSignatureInvalid() {
        IssuedIdentity identity = pki.identity(PARTY, KeyFamily.EC_P256);
        Clock tomorrow = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        byte[] signature = new CmsDetachedSigner(tomorrow).sign(PAYLOAD, identity.privateKey(), identity.chain());

        CmsVerification result = verifier.verify(PAYLOAD, signature, trust(KeyFamily.EC_P256), Clock.systemUTC());

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
        assertThat(result.violations().get(0).message()).contains("future");
    }

    @Test
    void unparseableSignatureIsSignatureInvalidWithAClearMessage() {
        CmsVerification garbage = verifier.verify(PAYLOAD, "not a signature".getBytes(StandardCharsets.US_ASCII),
                trust(KeyFamily.EC_P256), Clock.systemUTC());
        CmsVerification empty = verifier.verify(PAYLOAD, new byte[0], trust(KeyFamily.EC_P256), Clock.systemUTC());

        assertThat(codes(garbage)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
        assertThat(garbage.violations().get(0).message()).contains("not a CMS SignedData");
        assertThat(garbage.signerSubject()).isNull();
        assertThat(codes(empty)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
    }

    @Test
    void anUnexpectedFailureInsideTheCmsVerifierIsASignatureInvalidRefusal() {
        IssuedIdentity identity = pki.identity(PARTY, KeyFamily.EC_P256);
        byte[] signature = signer.sign(PAYLOAD, identity.privateKey(), identity.chain());
        CertificateTrust broken = (chain, at) -> {
            throw new IllegalStateException("trust store fell over");
        };

        CmsVerification result = verifier.verify(PAYLOAD, signature, broken, Clock.systemUTC());

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
    }

    @Test
    void truncatedSignatureIsSignatureInvalid() {
        IssuedIdentity identity = pki.identity(PARTY, KeyFamily.RSA_2048);
        byte[] signature = signer.sign(PAYLOAD, identity.privateKey(), identity.chain());
        byte[] truncated = java.util.Arrays.copyOf(signature, signature.length / 2);

        CmsVerification result = verifier.verify(PAYLOAD, truncated, trust(KeyFamily.RSA_2048), Clock.systemUTC());

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
    }

    @Test
    void twoSignersAreSignatureWrapping() throws Exception {
        IssuedIdentity first = pki.identity(PARTY, KeyFamily.EC_P256);
        IssuedIdentity second = pki.identity("CN-CUSTOMS", KeyFamily.EC_P256);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        for (IssuedIdentity identity : List.of(first, second)) {
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(PkixCertificateTrust.bouncyCastle()).build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA")
                            .setProvider(PkixCertificateTrust.bouncyCastle()).build(identity.privateKey()),
                            identity.certificate()));
            generator.addCertificates(new JcaCertStore(identity.chain()));
        }
        byte[] signature = generator.generate(new CMSProcessableByteArray(PAYLOAD), false).getEncoded(ASN1Encoding.DER);

        CmsVerification result = verifier.verify(PAYLOAD, signature, trust(KeyFamily.EC_P256), Clock.systemUTC());

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_WRAPPING);
        assertThat(result.violations().get(0).message()).contains("2 signers");
    }

    @Test
    void encapsulatedContentIsSignatureWrapping() throws Exception {
        IssuedIdentity identity = pki.identity(PARTY, KeyFamily.EC_P256);
        byte[] signature = bcSignature(identity, "SHA256withECDSA", true);

        CmsVerification result = verifier.verify(PAYLOAD, signature, trust(KeyFamily.EC_P256), Clock.systemUTC());

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_WRAPPING);
    }

    @Test
    void sha1SignatureIsAlgorithmNotAllowed() throws Exception {
        IssuedIdentity identity = pki.identity(PARTY, KeyFamily.RSA_2048);
        byte[] signature = bcSignature(identity, "SHA1withRSA", false);

        CmsVerification result = verifier.verify(PAYLOAD, signature, trust(KeyFamily.RSA_2048), Clock.systemUTC());

        assertThat(codes(result)).containsExactly(SignatureCodes.ALGORITHM_NOT_ALLOWED);
        assertThat(result.algorithm()).isEqualTo("SHA1WITHRSA");
    }

    @Test
    void signerPicksTheAlgorithmFromTheKey() {
        assertThat(CmsDetachedSigner.signatureAlgorithm(pki.identity(PARTY, KeyFamily.EC_P256).privateKey()))
                .isEqualTo("SHA256withECDSA");
        assertThat(CmsDetachedSigner.signatureAlgorithm(pki.identity(PARTY, KeyFamily.RSA_2048).privateKey()))
                .isEqualTo("SHA256withRSA");
        assertThat(CmsDetachedSigner.signatureAlgorithm(pki.identity(PARTY, KeyFamily.SM2).privateKey()))
                .isEqualTo("SM3withSM2");
    }

    private static byte[] bcSignature(IssuedIdentity identity, String algorithm, boolean encapsulate) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(PkixCertificateTrust.bouncyCastle()).build())
                .build(new JcaContentSignerBuilder(algorithm)
                        .setProvider(PkixCertificateTrust.bouncyCastle()).build(identity.privateKey()),
                        identity.certificate()));
        generator.addCertificates(new JcaCertStore(identity.chain()));
        return generator.generate(new CMSProcessableByteArray(PAYLOAD), encapsulate).getEncoded(ASN1Encoding.DER);
    }
}
