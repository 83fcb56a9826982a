package org.casw.gateway.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line validate: one line per file, violations below, exit code for scripts. */
class ValidateCommandTest {

    private static final Path SAMPLES = Samples.path("declaration");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void validFilesPrintOkAndExitZero() {
        int status = run(SAMPLES.resolve("valid/import-durian-sea.xml").toString());

        assertThat(status).isZero();
        assertThat(out()).contains("import-durian-sea.xml: OK (DECLARATION QZDEMO-20261121-0001)");
    }

    @Test
    void anInvalidFileListsItsViolationsAndExitsOne() {
        int status = run(SAMPLES.resolve("valid/import-durian-sea.xml").toString(), SAMPLES.resolve("invalid/item-total-mismatch.xml").toString());

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains("item-total-mismatch.xml: INVALID", "ITEM_TOTAL_MISMATCH /DecMessage/DecLists/DecList/DeclTotal");
    }

    @Test
    void jsonFormatIsForMachines() {
        int status = run("--format", "json", SAMPLES.resolve("invalid/hs-code-unknown.xml").toString());

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains("\"valid\" : false", "\"code\" : \"HS_CODE_UNKNOWN\"", "\"type\" : \"DECLARATION\"");
    }

    @Test
    void missingFileOrNoArgumentsIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("no-such-file.xml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no-such-file.xml: cannot be read");
    }

    private int run(String... args) {
        return ValidateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
