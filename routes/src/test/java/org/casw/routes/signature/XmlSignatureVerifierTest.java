package org.casw.routes.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.XPathContainer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;

/** What the verifier accepts and refuses, and with which code. Also holds the fixtures the other tests share. */
class XmlSignatureVerifierTest {

    static final Path SAMPLE = Samples.path("declaration", "valid",
            "import-durian-sea.xml");
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String PARTY = "DEMO-ENTERPRISE";
    static final Set<SigningProfile> ALL_XML = EnumSet.of(SigningProfile.CN_EPORT_SM2,
            SigningProfile.XMLDSIG_ECDSA_SHA256, SigningProfile.XMLDSIG_RSA_SHA256);

    @TempDir
    static Path pkiDirectory;

    private static Pki pki;

    private final XmlSigner signer = new XmlSigner();
    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier();

    @BeforeAll
    static void createPki() {
        pki = new Pki(DevPki.ensure(pkiDirectory));
    }

    @Test
    void unsignedDocumentIsValidWhenNoSignatureIsRequired() {
        VerificationResult result = verifier.verify(pki.sample, pki.policy(false, ALL_XML));

        assertThat(result.signed()).isFalse();
        assertThat(result.valid()).isTrue();
    }

    @Test
    void unsignedDocumentIsRefusedWhenASignatureIsRequired() {
        VerificationResult result = verifier.verify(pki.sample, pki.policy(true, ALL_XML));

        assertThat(result.signed()).isFalse();
        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(SignatureCodes.SIGNATURE_REQUIRED);
            assertThat(v.path()).isEqualTo("/DecMessage/Signature");
        });
    }

    @ParameterizedTest
    @EnumSource(Signed.class)
    void alteringOneCharacterOfContentIsSignatureInvalid(Signed kind) {
        String signed = kind.sign(signer, pki);
        String tampered = replaceOnce(signed, "<TrafName>KOTA CAHAYA</TrafName>", "<TrafName>KOTA CAHAYB</TrafName>");

        VerificationResult result = verifier.verify(bytes(tampered), pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
        assertThat(result.violations().get(0).message()).contains("URI=''").contains("altered");
        assertThat(result.violations().get(0).path()).isEqualTo("/DecMessage/Signature");
    }

    @ParameterizedTest
    @EnumSource(Signed.class)
    void alteringOneCharacterOfTheSignatureValueIsSignatureInvalid(Signed kind) {
        String signed = kind.sign(signer, pki);
        int start = signed.indexOf("<ds:SignatureValue>") + "<ds:SignatureValue>".length();
        int middle = start + 20;
        char replacement = signed.charAt(middle) == 'A' ? 'B' : 'A';
        String tampered = signed.substring(0, middle) + replacement + signed.substring(middle + 1);

        VerificationResult result = verifier.verify(bytes(tampered), pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
        assertThat(result.violations().get(0).message()).contains("SignatureValue");
    }

    /**
     * A flipped bit inside the certificate's RSA modulus gives either a different key, with which the
     * SignatureValue no longer verifies, or one Bouncy Castle refuses to read (e.g. "RSA modulus has a small
     * prime factor"); both are SIGNATURE_INVALID, and trust is never consulted for an unproven key.
     */
    @Test
    void alteringTheEmbeddedCertificatesKeyIsSignatureInvalid() throws GeneralSecurityException {
        String signed = Signed.RSA.sign(signer, pki);
        X509Certificate certificate = pki.identity(KeyFamily.RSA_2048).certificate();
        byte[] der = certificate.getEncoded();
        byte[] modulus = ((java.security.interfaces.RSAPublicKey) certificate.getPublicKey()).getModulus()
                .toByteArray();
        int at = indexOf(der, modulus) + modulus.length / 2;
        der[at] ^= 0x01;

        VerificationResult result = verifier.verify(bytes(replaceCertificate(signed, der)), pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
    }

    /**
     * A changed letter in the subject keeps the key, so the XML signature still verifies; but the CA's signature
     * over the certificate breaks, so the trust check answers UNTRUSTED_SIGNER.
     */
    @ParameterizedTest
    @EnumSource(Signed.class)
    void alteringTheEmbeddedCertificatesSubjectIsUntrustedSigner(Signed kind) throws GeneralSecurityException {
        String signed = kind.sign(signer, pki);
        byte[] der = pki.identity(kind.family).certificate().getEncoded();
        int at = indexOf(der, PARTY.getBytes(StandardCharsets.US_ASCII));
        der[at] = 'X';

        VerificationResult result = verifier.verify(bytes(replaceCertificate(signed, der)), pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
        assertThat(result.signerSubject()).contains("OU=XEMO-ENTERPRISE");
    }

    @Test
    void signedContentMovedUnderAWrapperBesideForgedContentIsSignatureWrapping() {
        String signed = Signed.ECDSA.sign(signer, pki);
        String original = signed.substring(signed.indexOf("<DecMessage"));
        String forged = "<DecMessage xmlns=\"http://www.chinaport.gov.cn/dec\" version=\"1.0\">"
                + "<DecHead><BillNo>FORGED0001</BillNo></DecHead><Wrapper>" + original + "</Wrapper></DecMessage>";

        VerificationResult result = verifier.verify(bytes(forged), pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_WRAPPING);
        assertThat(result.violations().get(0).path()).isEqualTo("/DecMessage/Wrapper/DecMessage/Signature");
    }

    @Test
    void aSecondReferenceToAnIdIsSignatureWrappingEvenWhenCryptographicallySound() {
        byte[] forged = forge(pki, SigningProfile.XMLDSIG_ECDSA_SHA256, KeyFamily.EC_P256, XmlSigner.SHA256, (doc, sig) -> {
            Element head = (Element) doc.getDocumentElement().getElementsByTagNameNS("*", "DecHead").item(0);
            head.setAttributeNS(null, "Id", "head");
            head.setIdAttributeNS(null, "Id", true);
            sig.addDocument("", envelopedExclusive(doc), XmlSigner.SHA256);
            sig.addDocument("#head", exclusive(doc), XmlSigner.SHA256);
        });
        assertThat(cryptographicallyValid(pki, forged, KeyFamily.EC_P256)).isTrue();

        VerificationResult result = verifier.verify(forged, pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_WRAPPING);
        assertThat(result.violations().get(0).message()).contains("#head");
    }

    @Test
    void aReferenceToPartOfTheDocumentOnlyIsSignatureWrapping() {
        byte[] forged = forge(pki, SigningProfile.XMLDSIG_RSA_SHA256, KeyFamily.RSA_2048, XmlSigner.SHA256, (doc, sig) -> {
            Element head = (Element) doc.getDocumentElement().getElementsByTagNameNS("*", "DecHead").item(0);
            head.setAttributeNS(null, "Id", "head");
            head.setIdAttributeNS(null, "Id", true);
            sig.addDocument("#head", exclusive(doc), XmlSigner.SHA256);
        });

        VerificationResult result = verifier.verify(forged, pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsOnly(SignatureCodes.SIGNATURE_WRAPPING);
        assertThat(result.violations()).extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("0 references to the whole document"));
    }

    @Test
    void anXPathTransformIsSignatureWrapping() {
        byte[] forged = forge(pki, SigningProfile.XMLDSIG_RSA_SHA256, KeyFamily.RSA_2048, XmlSigner.SHA256, (doc, sig) -> {
            Transforms transforms = new Transforms(doc);
            XPathContainer xpath = new XPathContainer(doc);
            xpath.setXPath("not(ancestor-or-self::*[local-name()='DecLists'])");
            transforms.addTransform(XmlSigner.ENVELOPED);
            transforms.addTransform(Transforms.TRANSFORM_XPATH, xpath.getElementPlusReturns());
            sig.addDocument("", transforms, XmlSigner.SHA256);
        });
        assertThat(cryptographicallyValid(pki, forged, KeyFamily.RSA_2048)).isTrue();

        VerificationResult result = verifier.verify(forged, pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_WRAPPING);
        assertThat(result.violations().get(0).message()).contains("xpath");
    }

    @Test
    void twoSignaturesAreSignatureWrapping() {
        String signed = Signed.ECDSA.sign(signer, pki);
        String signature = signed.substring(signed.indexOf("<ds:Signature"), signed.indexOf("</ds:Signature>")
                + "</ds:Signature>".length());
        String doubled = replaceOnce(signed, "</DecMessage>", signature + "</DecMessage>");

        VerificationResult result = verifier.verify(bytes(doubled), pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_WRAPPING);
        assertThat(result.violations().get(0).message()).contains("2 ds:Signature");
    }

    @Test
    void sha1EportSignatureIsAlgorithmNotAllowedWhenOnlyW3cProfilesAre() {
        String signed = Signed.SM2_SHA1.sign(signer, pki);

        VerificationResult result = verifier.verify(bytes(signed), pki.policy(true,
                EnumSet.of(SigningProfile.XMLDSIG_ECDSA_SHA256, SigningProfile.XMLDSIG_RSA_SHA256)));

        assertThat(codes(result)).containsExactly(SignatureCodes.ALGORITHM_NOT_ALLOWED);
        assertThat(result.profile()).isEqualTo(SigningProfile.CN_EPORT_SM2);
    }

    @Test
    void sha1DigestInAW3cSignatureIsAlgorithmNotAllowedEvenWhenEportIsAllowed() {
        String sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
        byte[] forged = forge(pki, SigningProfile.XMLDSIG_RSA_SHA256, KeyFamily.RSA_2048, sha1,
                (doc, sig) -> sig.addDocument("", envelopedExclusive(doc), sha1));
        assertThat(cryptographicallyValid(pki, forged, KeyFamily.RSA_2048)).isTrue();

        VerificationResult result = verifier.verify(forged, pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.ALGORITHM_NOT_ALLOWED);
        assertThat(result.violations().get(0).message()).contains("SHA-1 is accepted only in cn-eport-sm2");
    }

    @Test
    void aProfileOutsideThePartnersListIsAlgorithmNotAllowed() {
        String signed = Signed.ECDSA.sign(signer, pki);

        VerificationResult result = verifier.verify(bytes(signed),
                pki.policy(true, EnumSet.of(SigningProfile.CN_EPORT_SM2)));

        assertThat(codes(result)).containsExactly(SignatureCodes.ALGORITHM_NOT_ALLOWED);
        assertThat(result.violations().get(0).message()).contains("xmldsig-ecdsa-sha256").contains("cn-eport-sm2");
    }

    @Test
    void aSignerFromAnotherRootIsUntrustedSigner() {
        String signed = Signed.RSA.sign(signer, pki);
        RootTrust ecOnly = new RootTrust(List.of(pki.dev.rootCertificate(KeyFamily.EC_P256)));

        VerificationResult result = verifier.verify(bytes(signed),
                new VerificationPolicy(true, ALL_XML, ecOnly, Clock.systemUTC()));

        assertThat(codes(result)).containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
    }

    @Test
    void trustIsCheckedAtTheXadesSigningTime() {
        // Any time in the certificate's validity, and not the verifier's clock.
        Instant signingTime = pki.identity(KeyFamily.EC_P256).certificate().getNotBefore().toInstant().plusSeconds(1);
        byte[] signed = signer.sign(pki.sample, SigningProfile.XMLDSIG_ECDSA_SHA256, pki.identity(KeyFamily.EC_P256),
                SigningOptions.xades(signingTime));
        RootTrust trust = pki.trust();

        VerificationResult result = verifier.verify(signed, new VerificationPolicy(true, ALL_XML, trust,
                Clock.fixed(Instant.now(), ZoneOffset.UTC)));

        assertThat(result.valid()).isTrue();
        assertThat(result.signingTime()).isEqualTo(signingTime);
        assertThat(trust.askedAt).containsExactly(signingTime);
    }

    @Test
    void trustIsCheckedAtTheClockWithoutXades() {
        Instant now = pki.identity(KeyFamily.RSA_2048).certificate().getNotBefore().toInstant().plusSeconds(7);
        byte[] signed = signer.sign(pki.sample, SigningProfile.XMLDSIG_RSA_SHA256, pki.identity(KeyFamily.RSA_2048),
                SigningOptions.defaults());
        RootTrust trust = pki.trust();

        VerificationResult result = verifier.verify(signed,
                new VerificationPolicy(true, ALL_XML, trust, Clock.fixed(now, ZoneOffset.UTC)));

        assertThat(result.signingTime()).isNull();
        assertThat(trust.askedAt).containsExactly(now);
    }

    @Test
    void trustViolationsAreReportedAsTheTrustGivesThem() {
        byte[] signed = signer.sign(pki.sample, SigningProfile.XMLDSIG_RSA_SHA256, pki.identity(KeyFamily.RSA_2048),
                SigningOptions.defaults());
        Violation revoked = Violation.of(SignatureCodes.CERTIFICATE_REVOKED, null, "revoked by test");

        VerificationResult result = verifier.verify(signed,
                new VerificationPolicy(true, ALL_XML, (chain, at) -> List.of(revoked), Clock.systemUTC()));

        assertThat(result.violations()).containsExactly(revoked);
    }

    /** Another certificate for the same key keeps the XML signature intact; XAdES names the one really meant. */
    @Test
    void xadesSigningCertificateNotNamingTheKeyInfoCertificateIsSignatureInvalid() throws Exception {
        IssuedIdentity identity = pki.dev.identity(PARTY, KeyFamily.EC_P256);
        String signed = new String(signer.sign(pki.sample, SigningProfile.XMLDSIG_ECDSA_SHA256,
                new SigningIdentity(identity.privateKey(), identity.chain()), SigningOptions.xades(null)),
                StandardCharsets.UTF_8);
        byte[] sameKeyOtherCertificate = selfSigned(identity.keyPair()).getEncoded();

        VerificationResult result = verifier.verify(bytes(replaceCertificate(signed, sameKeyOtherCertificate)),
                pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
        assertThat(result.violations().get(0).message()).contains("SigningCertificate");
    }

    /** Issue 14: an ID spelling made Santuario's setIdAttributeNS throw, leaving the message RECEIVED for ever. */
    @Test
    void signedPropertiesIdentifiedByAnUpperCaseIdAttributeIsACodedRefusalNotAnException() {
        String signed = new String(signer.sign(pki.sample, SigningProfile.XMLDSIG_ECDSA_SHA256,
                pki.identity(KeyFamily.EC_P256), SigningOptions.xades(null)), StandardCharsets.UTF_8);
        String respelt = signed.replaceFirst("(<xades:SignedProperties[^>]*?) Id=", "$1 ID=");
        assertThat(respelt).isNotEqualTo(signed);

        VerificationResult result = verifier.verify(bytes(respelt), pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
        assertThat(result.violations().get(0).message()).contains("'Id' attribute");
    }

    @Test
    void anUnexpectedFailureInsideTheVerifierIsASignatureInvalidRefusalNamingTheRule() {
        byte[] signed = signer.sign(pki.sample, SigningProfile.XMLDSIG_RSA_SHA256, pki.identity(KeyFamily.RSA_2048),
                SigningOptions.defaults());
        CertificateTrust broken = (chain, at) -> {
            throw new IllegalStateException("trust store fell over");
        };

        VerificationResult result = verifier.verify(signed, new VerificationPolicy(true, ALL_XML, broken, Clock.systemUTC()));

        assertThat(result.signed()).isTrue();
        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNATURE_INVALID);
        assertThat(result.violations().get(0).message()).contains("certificate trust").doesNotContain("fell over");
    }

    @Test
    void aSignatureByThePinnedSignerIsAcceptedAndSaysItMatchedThePin() {
        X509Certificate own = pki.dev.certificate(PARTY, KeyFamily.EC_P256);
        byte[] signed = signer.sign(pki.sample, SigningProfile.XMLDSIG_ECDSA_SHA256, pki.identity(KeyFamily.EC_P256),
                SigningOptions.xades(null));

        VerificationResult bySubject = verifier.verify(signed, pinned(new SignerPin(own.getSubjectX500Principal(), null)));
        VerificationResult byKey = verifier.verify(signed, pinned(new SignerPin(null, SignerPin.keyIdentifierOf(own))));

        assertThat(bySubject.violations()).isEmpty();
        assertThat(bySubject.signerPinned()).isTrue();
        assertThat(byKey.violations()).isEmpty();
        assertThat(byKey.signerPinned()).isTrue();
        assertThat(verifier.verify(signed, pki.policy(true, ALL_XML)).signerPinned()).isFalse();
    }

    @Test
    void aValidSignatureByAnotherCertificateOfTheSameRootIsSignerNotPinned() {
        X509Certificate own = pki.dev.certificate(PARTY, KeyFamily.EC_P256);
        Instant now = Instant.now();
        IssuedIdentity other = pki.dev.issue("OTHER-PARTY", "Another party under the same root", KeyFamily.EC_P256,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        byte[] signed = signer.sign(pki.sample, SigningProfile.XMLDSIG_ECDSA_SHA256,
                new SigningIdentity(other.privateKey(), other.chain()), SigningOptions.xades(null));
        assertThat(verifier.verify(signed, pki.policy(true, ALL_XML)).valid()).isTrue();

        VerificationResult result = verifier.verify(signed, pinned(SignerPin.of(
                own.getSubjectX500Principal().getName(), SignerPin.keyIdentifierOf(own))));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNER_NOT_PINNED);
        assertThat(result.signerPinned()).isFalse();
        assertThat(result.violations().get(0).message()).contains("OU=OTHER-PARTY", "OU=" + PARTY);
    }

    @Test
    void bothPinnedFieldsMustMatch() {
        X509Certificate own = pki.dev.certificate(PARTY, KeyFamily.EC_P256);
        byte[] signed = signer.sign(pki.sample, SigningProfile.XMLDSIG_ECDSA_SHA256, pki.identity(KeyFamily.EC_P256),
                SigningOptions.defaults());

        VerificationResult result = verifier.verify(signed, pinned(new SignerPin(own.getSubjectX500Principal(), "00ff")));

        assertThat(codes(result)).containsExactly(SignatureCodes.SIGNER_NOT_PINNED);
    }

    private static VerificationPolicy pinned(SignerPin pin) {
        return new VerificationPolicy(true, ALL_XML, pki.trust(), Clock.systemUTC(), List.of(pin));
    }

    @Test
    void aSignatureWithoutCertificateIsUntrustedSigner() {
        String signed = Signed.ECDSA.sign(signer, pki);
        String stripped = signed.substring(0, signed.indexOf("<ds:KeyInfo"))
                + signed.substring(signed.indexOf("</ds:KeyInfo>") + "</ds:KeyInfo>".length());

        VerificationResult result = verifier.verify(bytes(stripped), pki.policy(true, ALL_XML));

        assertThat(codes(result)).containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
    }

    @Test
    void malformedXmlAndDoctypesAreReportedWithTheirIntakeCodes() {
        assertThat(codes(verifier.verify(bytes("<DecMessage>"), pki.policy(true, ALL_XML))))
                .containsExactly(ViolationCodes.XML_MALFORMED);
        assertThat(codes(verifier.verify(bytes("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
                pki.policy(true, ALL_XML)))).containsExactly(ViolationCodes.XML_DOCTYPE_FORBIDDEN);
    }

    // ---------------------------------------------------------------- fixtures shared with the other tests

    /** The signed sample in each profile and algorithm this package offers. */
    enum Signed {
        ECDSA(SigningProfile.XMLDSIG_ECDSA_SHA256, KeyFamily.EC_P256, SigningOptions.defaults()),
        RSA(SigningProfile.XMLDSIG_RSA_SHA256, KeyFamily.RSA_2048, SigningOptions.defaults()),
        SM2_SHA1(SigningProfile.CN_EPORT_SM2, KeyFamily.SM2, SigningOptions.eport(SigningOptions.DigestChoice.SHA1)),
        SM2_SM3(SigningProfile.CN_EPORT_SM2, KeyFamily.SM2, SigningOptions.eport(SigningOptions.DigestChoice.SM3));

        final SigningProfile profile;
        final KeyFamily family;
        final SigningOptions options;

        Signed(SigningProfile profile, KeyFamily family, SigningOptions options) {
            this.profile = profile;
            this.family = family;
            this.options = options;
        }

        String sign(XmlSigner signer, Pki pki) {
            return new String(signer.sign(pki.sample, profile, pki.identity(family), options), StandardCharsets.UTF_8);
        }
    }

    /** The development PKI (the demo enterprise's identities, a trust in the three roots) and the sample. */
    static final class Pki {
        final DevPki dev;
        final byte[] sample;
        private final Map<KeyFamily, SigningIdentity> identities = new EnumMap<>(KeyFamily.class);

        Pki(DevPki dev) {
            this.dev = dev;
            try {
                this.sample = Files.readAllBytes(SAMPLE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (KeyFamily family : KeyFamily.values()) {
                IssuedIdentity issued = dev.identity(PARTY, family);
                identities.put(family, new SigningIdentity(issued.privateKey(), issued.chain()));
            }
        }

        SigningIdentity identity(KeyFamily family) {
            return identities.get(family);
        }

        RootTrust trust() {
            List<X509Certificate> roots = new ArrayList<>();
            for (KeyFamily family : KeyFamily.values()) {
                roots.add(dev.rootCertificate(family));
            }
            return new RootTrust(roots);
        }

        VerificationPolicy policy(boolean required, Set<SigningProfile> allowed) {
            return new VerificationPolicy(required, allowed, trust(), Clock.systemUTC());
        }
    }

    /**
     * Test-only trust: the leaf must be issued by one of the given roots (issuer name and the root key's
     * signature over it) and be valid at the time asked. The real PKIX trust lives elsewhere.
     */
    static final class RootTrust implements CertificateTrust {
        private final List<X509Certificate> roots;
        final List<Instant> askedAt = new CopyOnWriteArrayList<>();

        RootTrust(List<X509Certificate> roots) {
            this.roots = List.copyOf(roots);
        }

        @Override
        public List<Violation> check(List<X509Certificate> chain, Instant at) {
            askedAt.add(at);
            X509Certificate leaf = chain.get(0);
            Provider bc = EportAlgorithms.register();
            for (X509Certificate root : roots) {
                if (!leaf.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
                    continue;
                }
                try {
                    leaf.verify(root.getPublicKey(), bc);
                } catch (GeneralSecurityException e) {
                    continue;
                }
                if (at.isBefore(leaf.getNotBefore().toInstant())) {
                    return List.of(Violation.of(SignatureCodes.CERTIFICATE_NOT_YET_VALID, null, "not yet valid"));
                }
                if (at.isAfter(leaf.getNotAfter().toInstant())) {
                    return List.of(Violation.of(SignatureCodes.CERTIFICATE_EXPIRED, null, "expired"));
                }
                return List.of();
            }
            return List.of(Violation.of(SignatureCodes.UNTRUSTED_SIGNER, null,
                    leaf.getSubjectX500Principal() + " is not issued by a trusted root"));
        }
    }

    /** Adds references to a fresh signature; Santuario's checked exceptions pass through. */
    interface References {
        void add(Document document, XMLSignature signature) throws Exception;
    }

    /** Signs the sample with Santuario directly, with references the production signer would never make. */
    static byte[] forge(Pki pki, SigningProfile profile, KeyFamily family, String digest, References references) {
        try {
            Document document = XmlSigner.parse(pki.sample);
            Provider provider = family == KeyFamily.RSA_2048 ? null : EportAlgorithms.register();
            XMLSignature signature = new XMLSignature(document, "", profile.signatureMethod(),
                    profile.canonicalization(), provider);
            document.getDocumentElement().appendChild(signature.getElement());
            references.add(document, signature);
            signature.addKeyInfo(pki.identity(family).certificate());
            signature.sign(pki.identity(family).key());
            return XmlSigner.serialize(document);
        } catch (Exception e) {
            throw new IllegalStateException("cannot forge a test signature", e);
        }
    }

    /** True if Santuario alone, without this package's shape rules, accepts the signature. */
    static boolean cryptographicallyValid(Pki pki, byte[] xml, KeyFamily family) {
        try {
            Document document = XmlSigner.parse(xml);
            Element head = (Element) document.getElementsByTagNameNS("*", "DecHead").item(0);
            if (head.hasAttributeNS(null, "Id")) {
                head.setIdAttributeNS(null, "Id", true);
            }
            Element element = (Element) document.getElementsByTagNameNS(DS, "Signature").item(0);
            Provider provider = family == KeyFamily.RSA_2048 ? null : EportAlgorithms.register();
            return new XMLSignature(element, "", false, provider)
                    .checkSignatureValue(pki.identity(family).certificate().getPublicKey());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Transforms envelopedExclusive(Document document) throws Exception {
        Transforms transforms = new Transforms(document);
        transforms.addTransform(XmlSigner.ENVELOPED);
        transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        return transforms;
    }

    static Transforms exclusive(Document document) throws Exception {
        Transforms transforms = new Transforms(document);
        transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        return transforms;
    }

    /** A self-signed certificate for an existing key pair (same key, different certificate). */
    static X509Certificate selfSigned(KeyPair keyPair) throws Exception {
        X500Name name = new X500Name("CN=Same Key Other Certificate,O=Test");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().setProvider(EportAlgorithms.register()).getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(now.minus(Duration.ofDays(1))),
                        Date.from(now.plus(Duration.ofDays(30))), name, keyPair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(EportAlgorithms.register())
                                .build(keyPair.getPrivate())));
    }

    /** Replaces the content of the (single) ds:X509Certificate with other DER bytes. */
    static String replaceCertificate(String signed, byte[] der) {
        int start = signed.indexOf("<ds:X509Certificate>") + "<ds:X509Certificate>".length();
        int end = signed.indexOf("</ds:X509Certificate>");
        return signed.substring(0, start) + Base64.getEncoder().encodeToString(der) + signed.substring(end);
    }

    static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        assertThat(at).as("'%s' in the document", target).isNotNegative();
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("byte pattern not found");
    }

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> codes(VerificationResult result) {
        return result.violations().stream().map(Violation::code).toList();
    }

}
