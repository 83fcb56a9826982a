package org.casw.routes.signature;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.xml.security.c14n.Canonicalizer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.casw.certs.DemoParty;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.casw.routes.signature.XmlSignatureVerifierTest.Pki;
import org.casw.routes.signature.XmlSignatureVerifierTest.Signed;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casw.routes.signature.XmlSignatureVerifierTest.ALL_XML;
import static org.casw.routes.signature.XmlSignatureVerifierTest.DS;
import static org.casw.routes.signature.XmlSignatureVerifierTest.PARTY;
import static org.casw.routes.signature.XmlSignatureVerifierTest.bytes;

/** What the signer writes for each profile, and that what it writes verifies. */
class XmlSignerTest {

    @TempDir
    static Path pkiDirectory;

    private final XmlSigner signer = new XmlSigner();
    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier();

    private static Pki pki;

    @BeforeAll
    static void createPki() {
        pki = new Pki(DevPki.ensure(pkiDirectory));
    }

    private static Pki pki() {
        return pki;
    }

    private static byte[] sample() {
        return pki.sample;
    }

    @ParameterizedTest
    @EnumSource(Signed.class)
    void signedSampleVerifiesWithItsProfileAndSigner(Signed kind) {
        byte[] signed = bytes(kind.sign(signer, pki));

        VerificationResult result = verifier.verify(signed, pki().policy(true, ALL_XML));

        assertThat(result.violations()).isEmpty();
        assertThat(result.signed()).isTrue();
        assertThat(result.profile()).isEqualTo(kind.profile);
        assertThat(result.algorithm()).isEqualTo(kind.profile.signatureMethod());
        assertThat(result.signerSubject()).contains("OU=" + PARTY);
        assertThat(result.certificateSerialHex())
                .isEqualTo(pki().identity(kind.family).certificate().getSerialNumber().toString(16));
        assertThat(result.signingTime()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Signed.class)
    void signatureIsTheRootsLastChildWithOneWholeDocumentReference(Signed kind) throws Exception {
        Document document = XmlSigner.parse(bytes(kind.sign(signer, pki)));
        Element root = document.getDocumentElement();
        Element signature = lastElementChild(root);
        String c14n = kind.profile == SigningProfile.CN_EPORT_SM2 ? "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
                : "http://www.w3.org/2001/10/xml-exc-c14n#";

        assertThat(signature.getNamespaceURI()).isEqualTo(DS);
        assertThat(signature.getLocalName()).isEqualTo("Signature");
        assertThat(attribute(signature, "CanonicalizationMethod", 0)).isEqualTo(c14n);
        assertThat(attribute(signature, "SignatureMethod", 0)).isEqualTo(kind.profile.signatureMethod());
        assertThat(signature.getElementsByTagNameNS(DS, "Reference").getLength()).isEqualTo(1);
        assertThat(((Element) signature.getElementsByTagNameNS(DS, "Reference").item(0)).getAttribute("URI")).isEmpty();
        assertThat(attribute(signature, "Transform", 0)).isEqualTo("http://www.w3.org/2000/09/xmldsig#enveloped-signature");
        assertThat(attribute(signature, "Transform", 1)).isEqualTo(c14n);
        assertThat(attribute(signature, "DigestMethod", 0)).isEqualTo(switch (kind) {
            case SM2_SHA1 -> "http://www.w3.org/2000/09/xmldsig#sha1";
            case SM2_SM3 -> "http://www.w3.org/2007/05/xmldsig-more#sm3";
            default -> "http://www.w3.org/2001/04/xmlenc#sha256";
        });
        String certificate = signature.getElementsByTagNameNS(DS, "X509Certificate").item(0).getTextContent();
        assertThat(Base64.getMimeDecoder().decode(certificate))
                .isEqualTo(pki().identity(kind.family).certificate().getEncoded());
    }

    /** Taking the signature out again gives back the input byte for byte: nothing was reformatted. */
    @ParameterizedTest
    @EnumSource(Signed.class)
    void signedDocumentIsTheInputWithOnlyTheSignatureInserted(Signed kind) {
        String original = new String(sample(), StandardCharsets.UTF_8);

        String signed = kind.sign(signer, pki);

        String signature = signed.substring(signed.indexOf("<ds:Signature"),
                signed.indexOf("</ds:Signature>") + "</ds:Signature>".length());
        assertThat(signed.replace(signature, "")).isEqualTo(original);
        assertThat(signed).doesNotContain("&#13;").endsWith("</ds:Signature></DecMessage>\n");
    }

    @Test
    void rootEndTagIsFoundPastTrailingCommentsAndProcessingInstructions() {
        byte[] root = bytes("p:Root");
        String xml = "<p:Root xmlns:p='u'><a/></p:Root >\n<!-- </p:Root> -->\n<?pi x?> ";
        assertThat(XmlSigner.rootEndTag(bytes(xml), root)).isEqualTo(xml.indexOf("</p:Root >"));
        assertThat(XmlSigner.rootEndTag(bytes("<p:Root xmlns:p='u'/>"), root)).isEqualTo(-1);
        assertThat(XmlSigner.rootEndTag(bytes("<p:Root xmlns:p='u'></p:Root> junk"), root)).isEqualTo(-1);
    }

    /** A GB18030 document keeps its encoding and bytes; the signature is written in that encoding too. */
    @Test
    void gb18030DocumentIsSignedInItsOwnEncoding() {
        java.nio.charset.Charset gb = java.nio.charset.Charset.forName("GB18030");
        String original = new String(sample(), StandardCharsets.UTF_8).replace("encoding=\"UTF-8\"",
                "encoding=\"GB18030\"").replace("<OperName>Li Wei</OperName>", "<OperName>李伟</OperName>");

        byte[] signed = signer.sign(original.getBytes(gb), SigningProfile.CN_EPORT_SM2,
                pki().identity(KeyFamily.SM2), SigningOptions.eport(SigningOptions.DigestChoice.SM3));

        String text = new String(signed, gb);
        assertThat(text).contains("<OperName>李伟</OperName>").startsWith("<?xml version=\"1.0\" encoding=\"GB18030\"?>");
        assertThat(verifier.verify(signed, pki().policy(true, ALL_XML)).violations()).isEmpty();
    }

    /** GM/T 0009 DER SEQUENCE{r, s}, checked independently of Santuario: BC over the canonical SignedInfo. */
    @ParameterizedTest
    @EnumSource(value = Signed.class, names = {"SM2_SHA1", "SM2_SM3"})
    void eportSignatureValueIsDerSm3WithSm2OverInclusiveCanonicalSignedInfo(Signed kind) throws Exception {
        Document document = XmlSigner.parse(bytes(kind.sign(signer, pki)));
        Element signedInfo = (Element) document.getElementsByTagNameNS(DS, "SignedInfo").item(0);
        byte[] value = Base64.getMimeDecoder().decode(
                document.getElementsByTagNameNS(DS, "SignatureValue").item(0).getTextContent());
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS).canonicalizeSubtree(signedInfo, canonical);

        ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(value));
        assertThat(sequence.size()).isEqualTo(2);
        assertThat(sequence.getObjectAt(0)).isInstanceOf(ASN1Integer.class);
        assertThat(sequence.getObjectAt(1)).isInstanceOf(ASN1Integer.class);
        Signature sm2 = Signature.getInstance("SM3withSM2", EportAlgorithms.register());
        sm2.initVerify(pki().identity(KeyFamily.SM2).certificate().getPublicKey());
        sm2.update(canonical.toByteArray());
        assertThat(sm2.verify(value)).isTrue();
        // Inclusive C14N carries the document's default namespace into SignedInfo.
        assertThat(canonical.toString(StandardCharsets.UTF_8)).contains("xmlns=\"http://www.chinaport.gov.cn/dec\"");
    }

    /** RFC 4051: the W3C ECDSA SignatureValue is r || s, 32 bytes each for P-256, not DER. */
    @Test
    void ecdsaSignatureValueIsFixedLengthRAndS() throws Exception {
        Document document = XmlSigner.parse(bytes(Signed.ECDSA.sign(signer, pki)));
        byte[] value = Base64.getMimeDecoder().decode(
                document.getElementsByTagNameNS(DS, "SignatureValue").item(0).getTextContent());

        assertThat(value).hasSize(64);
    }

    @ParameterizedTest
    @EnumSource(value = Signed.class, names = {"ECDSA", "RSA"})
    void xadesBesSignatureVerifiesAndReportsItsSigningTime(Signed kind) throws Exception {
        Instant signingTime = pki().identity(kind.family).certificate().getNotBefore().toInstant().plusMillis(1456);
        byte[] signed = signer.sign(sample(), kind.profile, pki().identity(kind.family),
                SigningOptions.xades(signingTime));

        VerificationResult result = verifier.verify(signed, pki().policy(true, ALL_XML));

        assertThat(result.violations()).isEmpty();
        assertThat(result.signingTime()).isEqualTo(signingTime);
        Document document = XmlSigner.parse(signed);
        Element signature = (Element) document.getElementsByTagNameNS(DS, "Signature").item(0);
        Element properties = (Element) document.getElementsByTagNameNS(XmlSigner.XADES, "SignedProperties").item(0);
        Element second = (Element) signature.getElementsByTagNameNS(DS, "Reference").item(1);
        assertThat(second.getAttribute("Type")).isEqualTo("http://uri.etsi.org/01903#SignedProperties");
        assertThat(second.getAttribute("URI")).isEqualTo("#" + properties.getAttribute("Id"));
        assertThat(((Element) properties.getParentNode()).getAttribute("Target"))
                .isEqualTo("#" + signature.getAttribute("Id"));
        assertThat(document.getElementsByTagNameNS(XmlSigner.XADES, "SigningTime").item(0).getTextContent())
                .isEqualTo(signingTime.toString()).endsWith(".456Z");
        assertThat(document.getElementsByTagNameNS(XmlSigner.XADES, "CertDigest").item(0).getTextContent())
                .contains(XmlSigner.certificateDigest(pki().identity(kind.family).certificate(), "SHA-256"));
    }

    @Test
    void xadesIsRefusedForTheEportProfile() {
        assertThatThrownBy(() -> signer.sign(sample(), SigningProfile.CN_EPORT_SM2, pki().identity(KeyFamily.SM2),
                new SigningOptions(true, SigningOptions.DigestChoice.SM3, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("W3C profiles only");
    }

    @Test
    void aKeyOfTheWrongFamilyIsRefused() {
        assertThatThrownBy(() -> signer.sign(sample(), SigningProfile.XMLDSIG_ECDSA_SHA256,
                pki().identity(KeyFamily.SM2), SigningOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
        assertThatThrownBy(() -> signer.sign(sample(), SigningProfile.CN_EPORT_SM2,
                pki().identity(KeyFamily.EC_P256), SigningOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sm2p256v1");
        assertThatThrownBy(() -> signer.sign(sample(), SigningProfile.XMLDSIG_RSA_SHA256,
                pki().identity(KeyFamily.EC_P256), SigningOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA");
    }

    @Test
    void cmsIsNotSignedHere() {
        assertThatThrownBy(() -> signer.sign(sample(), SigningProfile.CMS_DETACHED, pki().identity(KeyFamily.RSA_2048),
                SigningOptions.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CMS");
    }

    @Test
    void documentsWithDoctypeOrAnExistingSignatureAreRefused() {
        assertThatThrownBy(() -> signer.sign(bytes("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>"),
                SigningProfile.XMLDSIG_RSA_SHA256, pki().identity(KeyFamily.RSA_2048), SigningOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOCTYPE");
        byte[] signed = bytes(Signed.RSA.sign(signer, pki));
        assertThatThrownBy(() -> signer.sign(signed, SigningProfile.XMLDSIG_RSA_SHA256,
                pki().identity(KeyFamily.RSA_2048), SigningOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
    }

    @Test
    void oneSignerServesManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<VerificationResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Signed kind = Signed.values()[i % Signed.values().length];
                results.add(pool.submit(() -> verifier.verify(bytes(kind.sign(signer, pki)), pki().policy(true, ALL_XML))));
            }
            for (Future<VerificationResult> result : results) {
                assertThat(result.get().violations()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sm2SignaturesInARowOnOneThreadEachVerifyWithTheirOwnKey() throws Exception {
        // the SM2 signer is reused per thread and key (initSign costs a scalar multiplication): it must never carry
        // one document's digest into the next, nor sign with the previous key
        SigningIdentity demo = pki().identity(KeyFamily.SM2);
        var customs = pki().dev.identity(DemoParty.CN_CUSTOMS.partyId(), KeyFamily.SM2);
        SigningIdentity other = new SigningIdentity(customs.privateKey(), customs.chain());
        SigningOptions options = SigningOptions.eport(SigningOptions.DigestChoice.SM3);

        // a signature abandoned after its first update: the signer it used must not be handed out again
        var abandoned = new org.apache.xml.security.algorithms.SignatureAlgorithm(
                javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument(), EportAlgorithms.SIGNATURE_SM2_SM3);
        abandoned.initSign(demo.key());
        abandoned.update("half a document".getBytes(StandardCharsets.UTF_8));

        List<SigningIdentity> order = List.of(demo, demo, other, demo, other, other);
        List<byte[]> values = new ArrayList<>();
        for (SigningIdentity identity : order) {
            byte[] signed = signer.sign(sample(), SigningProfile.CN_EPORT_SM2, identity, options);
            VerificationResult result = verifier.verify(signed, pki().policy(true, ALL_XML));
            assertThat(result.violations()).isEmpty();
            assertThat(result.certificateSerialHex()).isEqualTo(identity.certificate().getSerialNumber().toString(16));
            values.add(signatureValue(signed));
        }
        // SM2 draws a fresh k per signature: the same document signed twice gives two values
        assertThat(values.get(0)).isNotEqualTo(values.get(1));
    }

    private static byte[] signatureValue(byte[] signed) throws Exception {
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(signed));
        return Base64.getMimeDecoder().decode(doc.getElementsByTagNameNS(DS, "SignatureValue").item(0).getTextContent());
    }

    @Test
    void identityIsReadFromTheDevelopmentKeystore() {
        DevPki dev = pki().dev;
        SigningIdentity identity = SigningIdentity.fromKeyStore(dev.loadKeyStore(PARTY, KeyFamily.SM2),
                dev.alias(PARTY, KeyFamily.SM2), dev.password());

        assertThat(identity.certificate()).isEqualTo(pki().identity(KeyFamily.SM2).certificate());
        assertThat(identity.chain()).hasSize(2);
        assertThat(identity.toString()).contains(PARTY).doesNotContain("key");
        assertThatThrownBy(() -> SigningIdentity.fromKeyStore(dev.loadKeyStore(PARTY, KeyFamily.SM2), "nope",
                dev.password())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void profilesAreFoundByIdAndUnknownIdsListTheValidOnes() {
        assertThat(SigningProfile.of("cn-eport-sm2")).isEqualTo(SigningProfile.CN_EPORT_SM2);
        assertThat(SigningProfile.of("cms-detached").id()).isEqualTo("cms-detached");
        assertThatThrownBy(() -> SigningProfile.of("xmldsig-dsa"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xmldsig-dsa")
                .hasMessageContaining("cn-eport-sm2, xmldsig-ecdsa-sha256, xmldsig-rsa-sha256, cms-detached");
    }

    /** A rough, single-thread rate per profile; prints only with -Dsignature.rates=true, asserts nothing on time. */
    @ParameterizedTest
    @EnumSource(Signed.class)
    void printsRoughRatesWhenAsked(Signed kind) {
        Assumptions.assumeTrue(Boolean.getBoolean("signature.rates"), "set -Dsignature.rates=true to measure");
        SigningIdentity identity = pki().identity(kind.family);
        VerificationPolicy policy = pki().policy(true, ALL_XML);
        byte[] signed = null;
        // Several seconds of warm-up: with less, the first profile measured is the JIT's, not the code's.
        for (int i = 0; i < 6000; i++) {
            signed = signer.sign(sample(), kind.profile, identity, kind.options);
            verifier.verify(signed, policy);
        }
        int n = kind == Signed.RSA ? 1500 : 4000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            signed = signer.sign(sample(), kind.profile, identity, kind.options);
        }
        double signRate = n / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertThat(verifier.verify(signed, policy).valid()).isTrue();
        }
        double verifyRate = n / ((System.nanoTime() - start) / 1e9);
        System.out.printf("RATE %-9s %d-byte sample -> %d-byte signed: sign %.0f/s, verify %.0f/s%n", kind,
                sample().length, signed.length, signRate, verifyRate);
    }

    private static Element lastElementChild(Element parent) {
        for (Node node = parent.getLastChild(); node != null; node = node.getPreviousSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        throw new AssertionError("no element child");
    }

    private static String attribute(Element scope, String localName, int index) {
        return ((Element) scope.getElementsByTagNameNS(DS, localName).item(index)).getAttribute("Algorithm");
    }

}
