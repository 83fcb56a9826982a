package org.casw.routes.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.casw.certs.DevPki;
import org.casw.routes.signature.XmlSignatureVerifierTest.Pki;
import org.casw.routes.signature.XmlSignatureVerifierTest.Signed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casw.routes.signature.XmlSignatureVerifierTest.ALL_XML;

/**
 * The streaming path of the signer (large documents: no DOM of the document) writes the same signature as the
 * DOM path: same digest, same bytes where the algorithm is deterministic (RSA PKCS#1 v1.5), and it verifies.
 */
class StreamingXmlSignerTest {

    private static final Path SAMPLES = Path.of("../schemas/src/test/resources/samples");
    private static final Instant SIGNING_TIME = Instant.parse("2026-11-20T08:30:00.123Z");

    @TempDir
    static Path pkiDirectory;

    private static Pki pki;

    private final XmlSigner dom = new XmlSigner(Clock.systemUTC(), Integer.MAX_VALUE);
    private final XmlSigner streaming = new XmlSigner(Clock.systemUTC(), 0);
    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier();

    @BeforeAll
    static void createPki() {
        pki = new Pki(DevPki.ensure(pkiDirectory));
    }

    /** Every valid sample of every family, and some awkward hand-written documents, under every profile. */
    static Stream<Arguments> documents() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            samples = files.filter(p -> p.toString().endsWith(".xml") && p.toString().contains("/valid/")).sorted().toList();
        }
        assertThat(samples).hasSizeGreaterThan(20);
        List<String> awkward = List.of(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- before -->\n<?pi before?>\n<p:Root xmlns:p=\"urn:p\" xmlns:q=\"urn:q\""
                        + " xml:lang=\"zh\" b=\"2\" a=\"1 &amp; &lt;&#9;&#10;&#13;\"><p:a q:x=\"y\">t &amp; &lt; &gt; &#13; <![CDATA[<c>]]></p:a>"
                        + "<b xmlns=\"urn:d\"><c xmlns=\"\"/></b><!-- inside --><?pi inside?>\r\n <e/></p:Root>\n<!-- after -->\n<?pi after?>\n",
                "<Root xmlns=\"urn:r\" xmlns:unused=\"urn:u\">\u674e\u4f1f \u00e9<x unused:a=\"v\"/></Root>",
                "<Root><a xmlns:p=\"urn:p\"><p:b/><c xmlns:p=\"urn:p\"/></a></Root>");
        // a GB18030 document: the signature is spliced in the document's own encoding
        byte[] gb18030 = ("<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<Root xmlns=\"urn:r\"><Name>\u674e\u4f1f</Name></Root>\n")
                .getBytes(java.nio.charset.Charset.forName("GB18030"));
        Stream<byte[]> documents = Stream.concat(Stream.concat(samples.stream().map(StreamingXmlSignerTest::read),
                awkward.stream().map(s -> s.getBytes(StandardCharsets.UTF_8))), Stream.of(gb18030));
        return documents.flatMap(d -> Stream.of(Signed.values()).flatMap(kind -> Stream.of(
                Arguments.of(kind, false, d), Arguments.of(kind, true, d))));
    }

    @ParameterizedTest(name = "{0} xades={1} #{index}")
    @MethodSource("documents")
    void streamedSignatureHasTheDomPathsDigestAndVerifies(Signed kind, boolean xades, byte[] document) {
        if (xades && kind.profile == SigningProfile.CN_EPORT_SM2) {
            return; // XAdES is offered for the W3C profiles only
        }
        SigningOptions options = xades ? SigningOptions.xades(SIGNING_TIME) : kind.options;
        SigningIdentity identity = pki.identity(kind.family);

        byte[] viaDom = dom.sign(document, kind.profile, identity, options);
        byte[] streamed = streaming.sign(document, kind.profile, identity, options);

        String a = new String(viaDom, StandardCharsets.UTF_8);
        String b = new String(streamed, StandardCharsets.UTF_8);
        // the whole-document reference's digest; XAdES adds a second reference whose Id is random per signature
        assertThat(digestValues(b).get(0)).isEqualTo(digestValues(a).get(0));
        if (xades) {
            assertThat(digestValues(b)).hasSameSizeAs(digestValues(a)); // and the certificate digest of SigningCertificate
        } else if (kind.profile == SigningProfile.XMLDSIG_RSA_SHA256) {
            assertThat(b).isEqualTo(a); // deterministic: byte for byte the same document
        } else {
            assertThat(b.replaceAll("(?s)<ds:SignatureValue>.*?</ds:SignatureValue>", ""))
                    .isEqualTo(a.replaceAll("(?s)<ds:SignatureValue>.*?</ds:SignatureValue>", ""));
        }
        VerificationResult result = verifier.verify(streamed, pki.policy(true, ALL_XML));
        assertThat(result.violations()).isEmpty();
        assertThat(result.signed()).isTrue();
    }

    @Test
    void streamingPathRefusesWhatTheDomPathRefuses() {
        SigningIdentity identity = pki.identity(Signed.ECDSA.family);
        byte[] doctype = "<!DOCTYPE r [<!ENTITY e 'x'>]><r>&e;</r>".getBytes(StandardCharsets.UTF_8);
        byte[] broken = "<r><a></r>".getBytes(StandardCharsets.UTF_8);
        byte[] signed = streaming.sign(pki.sample, SigningProfile.XMLDSIG_ECDSA_SHA256, identity, SigningOptions.defaults());
        for (byte[] bad : List.of(doctype, broken, signed)) {
            assertThatThrownBy(() -> streaming.sign(bad, SigningProfile.XMLDSIG_ECDSA_SHA256, identity, SigningOptions.defaults()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static List<String> digestValues(String signed) {
        return java.util.regex.Pattern.compile("<ds:DigestValue>(.*?)</ds:DigestValue>").matcher(signed).results()
                .map(m -> m.group(1)).toList();
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
