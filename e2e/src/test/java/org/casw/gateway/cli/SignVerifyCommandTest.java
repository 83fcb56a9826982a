package org.casw.gateway.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign and verify commands: every profile round-trips, and a tampered document fails with its code. */
class SignVerifyCommandTest {

    private static final Path DECLARATION = Samples.path("declaration", "valid",
            "import-durian-sea.xml");

    @TempDir
    Path dir;

    private DevPki pki;

    @BeforeEach
    void pki() {
        pki = DevPki.ensure(dir.resolve("certs"));
    }

    @Test
    void eachXmlProfileSignsAndVerifies() throws Exception {
        String[][] cases = {{"cn-eport-sm2", "sm2"}, {"xmldsig-ecdsa-sha256", "ec"}, {"xmldsig-rsa-sha256", "rsa"}};
        for (String[] c : cases) {
            Path signed = dir.resolve(c[0] + ".xml");
            assertThat(SignCommand.run(new String[] {"--profile", c[0], "--key", keystore(c[1]).toString(), "--out", signed.toString(),
                    DECLARATION.toString()}, out(), err())).as(c[0]).isZero();

            Run verify = verify("--trust", pki.directory().resolve("root-" + c[1] + ".pem").toString(), signed.toString());
            assertThat(verify.status).as(verify.out).isZero();
            assertThat(verify.out).startsWith("VALID " + c[0]).contains("DEMO-ENTERPRISE");
        }
    }

    @Test
    void aTamperedDocumentFailsWithItsCodeAndExitsOne() throws Exception {
        Path signed = dir.resolve("signed.xml");
        SignCommand.run(new String[] {"--profile", "xmldsig-ecdsa-sha256", "--key", keystore("ec").toString(), "--out", signed.toString(),
                DECLARATION.toString()}, out(), err());
        Files.writeString(signed, Files.readString(signed).replace("Fresh durian", "Fresh durion"));

        Run verify = verify("--trust", pki.directory().resolve("root-ec.pem").toString(), signed.toString());

        assertThat(verify.status).isEqualTo(1);
        assertThat(verify.out).contains("INVALID", "SIGNATURE_INVALID");
    }

    @Test
    void aDetachedCmsSignatureVerifiesAgainstItsPayload() throws Exception {
        Path signature = dir.resolve("payload.p7s");
        assertThat(SignCommand.run(new String[] {"--profile", "cms-detached", "--key", keystore("sm2").toString(), "--out",
                signature.toString(), DECLARATION.toString()}, out(), err())).isZero();

        Run verify = verify("--trust", pki.directory().resolve("root-sm2.pem").toString(), "--signature", signature.toString(),
                DECLARATION.toString());

        assertThat(verify.status).as(verify.out).isZero();
        assertThat(verify.out).startsWith("VALID cms-detached");
    }

    @Test
    void missingTrustAnchorsIsAUsageError() {
        assertThat(verify(DECLARATION.toString()).status).isEqualTo(2);
        assertThat(SignCommand.run(new String[] {"--profile", "nope", "--key", "x.p12", "f.xml"}, out(), err())).isEqualTo(2);
    }

    private Path keystore(String suffix) {
        return pki.keystore("DEMO-ENTERPRISE", KeyFamily.fromSuffix(suffix));
    }

    private record Run(int status, String out) {
    }

    private static Run verify(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = VerifyCommand.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8), err());
        return new Run(status, buffer.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream out() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static PrintStream err() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
