package org.casw.gateway.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line translate: EDIFACT to XML and back, violations one per line, exit codes for scripts. */
class TranslateCommandTest {

    private static final Path SAMPLES = Samples.DIR;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    @Test
    void aLargeFileReportsItsStagesOnStandardErrorAndKeepsStandardOutputForTheTranslation() {
        String manifest = SAMPLES.resolve("manifest/valid/mt1101-import-sea-laem-chabang-qinzhou.xml").toString();
        int status = GatewayCommandLine.execute(new CommandLine(new TranslateCommand(0)), new String[] {"--to", "edifact", manifest},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(": read ", ": validating", ": translating MANIFEST to UN/EDIFACT",
                ": wrote ");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("UNA").doesNotContain("translating");
    }

    @Test
    void aSmallFileTranslatesSilently() {
        int status = run("--to", "edifact", SAMPLES.resolve("manifest/valid/mt1101-import-sea-laem-chabang-qinzhou.xml").toString());

        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aCuscarBecomesTheNativeManifest() {
        int status = run(SAMPLES.resolve("edifact/cuscar-mt1101-laem-chabang-qinzhou.edi").toString());

        assertThat(status).isZero();
        assertThat(out()).contains("<Manifest xmlns=\"urn:casw:cn:manifest:1\">", "<MessageType>MT1101</MessageType>", "<ID>PILQZH2611001</ID>");
    }

    @Test
    void aManifestBecomesACuscarWithToEdifact() {
        int status = run("--to", "edifact", SAMPLES.resolve("manifest/valid/mt1101-import-sea-laem-chabang-qinzhou.xml").toString());

        assertThat(status).isZero();
        assertThat(out()).startsWith("UNA:+.? '").contains("UNH+1+CUSCAR:D:96B:UN:1.0'", "UNZ+1+");
    }

    @Test
    void aReceiptBecomesACusres() {
        int status = run(SAMPLES.resolve("manifest-receipt/valid/mt1101-accepted.xml").toString());

        assertThat(status).isZero();
        assertThat(out()).contains("UNH+1+CUSRES:D:96B:UN'", "BGM+23+CUS-7205-MFT-20261120-000017+9+AP'");
    }

    @Test
    void violationsArePrintedOnePerLineAndExitOne() throws IOException {
        Path broken = temp.resolve("broken.edi");
        String cuscar = Files.readString(SAMPLES.resolve("edifact/cuscar-mt1101-laem-chabang-qinzhou.edi"), StandardCharsets.ISO_8859_1);
        Files.writeString(broken, cuscar.replace("BGM+85+", "BGM+999+").replace("UNZ+1+", "UNZ+2+"), StandardCharsets.ISO_8859_1);

        int status = run(broken.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains("broken.edi: NOT TRANSLATED, 2 violation(s)",
                "  EDIFACT_ELEMENT_INVALID CUSCAR/BGM[1]/C002/1001 [4:", "  EDIFACT_CONTROL_COUNT INTERCHANGE/UNZ[1]/0036 [");
    }

    @Test
    void anInterchangeOfSeveralMessagesIsTranslatedMessageByMessage() throws IOException {
        String codeco = Files.readString(SAMPLES.resolve("edifact/codeco-gate-out-qinzhou.edi"), StandardCharsets.ISO_8859_1);
        String message = codeco.substring(codeco.indexOf("UNH+"), codeco.indexOf("UNZ+"));
        String broken = message.replace("QZGO0017", "QZGO0018").replace("EQD+CN+CSQU3054383+45G1:102:5+2+3+5'",
                "EQD+CN+CSQU3054383+45G1:102:5+2+3+5+9'");
        Path two = temp.resolve("two.edi");
        Files.writeString(two, codeco.substring(0, codeco.indexOf("UNH+")) + message + broken + "UNZ+2+QZCODECO00017'\n",
                StandardCharsets.ISO_8859_1);

        int status = run(two.toString());

        assertThat(status).as("one of the messages was not translated").isEqualTo(1);
        assertThat(out()).contains("<!-- " + two + ", message QZGO0017 (UNH 0062, CODECO) -->", "<ContainerEvents",
                two + ", message QZGO0018 (UNH 0062, CODECO): NOT TRANSLATED, 1 violation(s)", "CODECO/EQD[1]");
        assertThat(out().indexOf("QZGO0017")).isLessThan(out().indexOf("QZGO0018"));
    }

    @Test
    void aManifestTheCuscarCannotCarryExitsOne() {
        int status = run("--to", "edifact", SAMPLES.resolve("manifest/valid/mt2101-export-pre-stowage-qinzhou-haiphong.xml").toString());

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains("EDIFACT_VALUE_UNMAPPABLE /Manifest/Declaration/Consignment[1]/TransportEquipment[1]/SealID[1]");
    }

    @Test
    void usageAndReadErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("--to", "json", "x.edi")).isEqualTo(2);
        assertThat(run("no-such-file.edi")).isEqualTo(2);
        assertThat(run("--to", "edifact", SAMPLES.resolve("edifact/codeco-gate-out-qinzhou.edi").toString())).isEqualTo(2);
        assertThat(run("--to", "edifact", SAMPLES.resolve("declaration/valid/import-durian-sea.xml").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no-such-file.edi: cannot be read", "already UN/EDIFACT", "has no EDIFACT translation");
    }

    private int run(String... args) {
        return TranslateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
