package org.casw.certs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code DevPkiCommand} sub-command: arguments, output and exit status. */
class DevPkiCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void runGeneratesThePkiAndPrintsARowPerRootAndPerPartyAndFamily() {
        int status = DevPkiCommand.run(new String[] {"--dir", directory.toString()}, out);

        assertThat(status).isZero();
        String text = printed();
        assertThat(text.lines()).hasSize(2 + 3 + 8 * 3);
        assertThat(text.lines().skip(1).findFirst()).hasValueSatisfying(header -> assertThat(header)
                .contains("PARTY", "FAMILY", "SUBJECT", "SERIAL", "NOT-AFTER", "SHA-256"));
        DevPki pki = DevPki.ensure(directory);
        for (DemoParty party : DemoParty.values()) {
            for (KeyFamily family : KeyFamily.values()) {
                X509Certificate certificate = pki.certificate(party.partyId(), family);
                assertThat(text).containsPattern("(?m)^" + party.partyId() + " +" + family.name() + " .*"
                        + certificate.getSerialNumber().toString(16) + " +"
                        + certificate.getNotAfter().toInstant() + " +"
                        + DevPkiCommand.sha256Fingerprint(certificate) + "$");
            }
        }
    }

    @Test
    void runNeverPrintsThePassword() {
        DevPkiCommand.run(new String[] {"--dir", directory.toString()}, out);

        assertThat(printed()).doesNotContain(new String(DevPki.ensure(directory).password()));
    }

    @Test
    void runWithoutForceReusesTheExistingPki() {
        DevPki existing = DevPki.ensure(directory);

        assertThat(DevPkiCommand.run(new String[] {"--dir=" + directory}, out)).isZero();

        assertThat(printed()).contains(existing.certificate("SG-NSW", KeyFamily.SM2).getSerialNumber().toString(16));
    }

    @Test
    void runWithForceRegeneratesTheCertificates() {
        DevPki existing = DevPki.ensure(directory);
        String oldSerial = existing.certificate("SG-NSW", KeyFamily.SM2).getSerialNumber().toString(16);

        assertThat(DevPkiCommand.run(new String[] {"--force", "--dir", directory.toString()}, out)).isZero();

        assertThat(printed()).doesNotContain(oldSerial);
        assertThat(DevPki.ensure(directory).certificate("SG-NSW", KeyFamily.SM2).getSerialNumber().toString(16))
                .isNotEqualTo(oldSerial);
    }

    @Test
    void runRejectsAnUnknownArgumentWithUsageAndStatusTwo() {
        assertThat(DevPkiCommand.run(new String[] {"--dir", directory.toString(), "--frobnicate"}, out)).isEqualTo(2);

        assertThat(printed()).contains("Unknown option: '--frobnicate'").contains("Usage: certs");
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void runRejectsDirWithoutAValue() {
        assertThat(DevPkiCommand.run(new String[] {"--dir"}, out)).isEqualTo(2);

        assertThat(printed()).contains("Missing required parameter for option '--dir'");
    }

    @Test
    void runReportsAFailureWithStatusOne() throws Exception {
        Path file = directory.resolve("not-a-directory");
        java.nio.file.Files.writeString(file, "x");

        assertThat(DevPkiCommand.run(new String[] {"--dir", file.toString()}, out)).isEqualTo(1);

        assertThat(printed()).contains("development PKI failed in " + file);
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
