package org.casw.routes.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.casw.routes.signature.XmlSignatureVerifierTest.Pki;
import org.casw.routes.signature.XmlSignatureVerifierTest.Signed;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.signature.XmlSignatureVerifierTest.ALL_XML;

/**
 * Our W3C signatures against xmlsec1 (libxmlsec1 with OpenSSL), both ways. Skipped where xmlsec1 is not on
 * the PATH; CI installs it.
 */
class XmlsecInteropTest {

    private static final String XADES_SIGNED_PROPERTIES = "http://uri.etsi.org/01903/v1.3.2#:SignedProperties";

    @TempDir
    static Path pkiDirectory;
    @TempDir
    Path work;

    private static Pki pki;

    private final XmlSigner signer = new XmlSigner();
    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier();

    @BeforeAll
    static void requireXmlsec1() {
        Assumptions.assumeTrue(xmlsec1Available(), "xmlsec1 is not on the PATH");
        pki = new Pki(DevPki.ensure(pkiDirectory));
    }

    static Stream<Arguments> ourSignatures() {
        return Stream.of(Arguments.of(Signed.ECDSA, false), Arguments.of(Signed.ECDSA, true),
                Arguments.of(Signed.RSA, false), Arguments.of(Signed.RSA, true));
    }

    @ParameterizedTest(name = "{0} xades={1}")
    @MethodSource("ourSignatures")
    void ourSignatureVerifiesInXmlsec1WithTheRootAsTrustAnchor(Signed kind, boolean xades) throws Exception {
        Path signed = work.resolve("signed.xml");
        Files.write(signed, signer.sign(pki.sample, kind.profile, pki.identity(kind.family),
                xades ? SigningOptions.xades(null) : SigningOptions.defaults()));

        Run run = xmlsec1(verifyCommand(kind.family, signed));

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("OK").contains("SignedInfo References (ok/all): " + (xades ? "2/2" : "1/1"));
    }

    /** Guards the test above against a vacuous pass: xmlsec1 does refuse what it should. */
    @ParameterizedTest
    @EnumSource(value = Signed.class, names = {"ECDSA", "RSA"})
    void xmlsec1RefusesOurSignatureAfterTheContentChanged(Signed kind) throws Exception {
        Path signed = work.resolve("tampered.xml");
        String text = kind.sign(signer, pki).replace("KOTA CAHAYA", "KOTA CAHAYB");
        Files.writeString(signed, text, StandardCharsets.UTF_8);

        Run run = xmlsec1(verifyCommand(kind.family, signed));

        assertThat(run.exitCode).as(run.output).isNotZero();
    }

    @ParameterizedTest
    @EnumSource(value = Signed.class, names = {"ECDSA", "RSA"})
    void xmlsec1SignatureVerifiesInOurs(Signed kind) throws Exception {
        SigningIdentity identity = pki.identity(kind.family);
        Path key = work.resolve("key.pem");
        Path certificate = work.resolve("cert.pem");
        Path template = work.resolve("template.xml");
        Path signed = work.resolve("xmlsec1-signed.xml");
        Files.writeString(key, pem("PRIVATE KEY", identity.key().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(certificate, pem("CERTIFICATE", identity.certificate().getEncoded()),
                StandardCharsets.US_ASCII);
        Files.writeString(template, template(kind.profile.signatureMethod()), StandardCharsets.UTF_8);

        Run run = xmlsec1(List.of("xmlsec1", "--sign", "--privkey-pem", key + "," + certificate,
                "--output", signed.toString(), template.toString()));
        assertThat(run.exitCode).as(run.output).isZero();

        VerificationResult result = verifier.verify(Files.readAllBytes(signed), pki.policy(true, ALL_XML));
        assertThat(result.violations()).isEmpty();
        assertThat(result.profile()).isEqualTo(kind.profile);
        assertThat(result.certificateSerialHex()).isEqualTo(identity.certificate().getSerialNumber().toString(16));
    }

    /** Trust only the family's development root; X.509 key data only; no references outside the document. */
    private List<String> verifyCommand(KeyFamily family, Path signed) {
        return List.of("xmlsec1", "--verify",
                "--trusted-pem", pki.dev.directory().resolve(DevPki.rootAlias(family) + ".pem").toString(),
                "--enabled-key-data", "x509",
                "--enabled-reference-uris", "empty,same-doc",
                "--id-attr:Id", XADES_SIGNED_PROPERTIES,
                signed.toString());
    }

    /** The sample with the xmlsec1 signature template as the root's last child. */
    private static String template(String signatureMethod) throws IOException {
        String signature;
        try (InputStream in = XmlsecInteropTest.class.getResourceAsStream("/signature/xmlsec1-signature-template.xml")) {
            signature = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()
                    .replace("@SIGNATURE_METHOD@", signatureMethod);
        }
        String document = new String(pki.sample, StandardCharsets.UTF_8);
        int end = document.lastIndexOf("</DecMessage>");
        return document.substring(0, end) + signature + document.substring(end);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private record Run(int exitCode, String output) {
    }

    private static Run xmlsec1(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("xmlsec1 did not finish: " + command);
        }
        return new Run(process.exitValue(), String.join(" ", command) + "\n" + output);
    }

    private static boolean xmlsec1Available() {
        try {
            return xmlsec1(List.of("xmlsec1", "--version")).exitCode == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
