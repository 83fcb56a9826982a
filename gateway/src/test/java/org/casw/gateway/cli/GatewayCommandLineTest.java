package org.casw.gateway.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** gateway.jar's command line: help for every command, a version, and no server start on a mistyped command. */
class GatewayCommandLineTest {

    static final List<String> OPERATOR_COMMANDS = List.of("serve", "certs", "validate", "sign", "verify", "translate",
            "api-key-digest", "console-password-hash", "help", "generate-completion");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void offersTheOperatorCommandsAndNoTooling() {
        assertThat(GatewayCommandLine.create("gateway").getSubcommands().keySet()).containsExactlyInAnyOrderElementsOf(OPERATOR_COMMANDS);
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndStatusZero() {
        for (String command : OPERATOR_COMMANDS) {
            if (!command.equals("help")) {
                assertThat(run(command, "--help")).as(command + " --help").isZero();
                assertThat(printed()).as(command + " --help").contains("Usage: gateway " + command);
            }
            assertThat(run("help", command)).as("help " + command).isZero();
        }
    }

    @Test
    void theTopCommandListsEveryCommandOnHelpAndHasAVersion() {
        assertThat(run("--help")).isZero();
        assertThat(printed()).contains("Commands:", "serve", "validate", "api-key-digest", "generate-completion");
        assertThat(run("--version")).isZero();
        assertThat(printed()).contains("China-ASEAN single-window gateway", "Java ");
    }

    @Test
    void aMistypedCommandIsAUsageErrorWithASuggestionNeverAServer() {
        assertThat(run("valdate", "x.xml")).isEqualTo(2);

        assertThat(errors()).contains("Unmatched argument at index 0: 'valdate'").contains("Did you mean: gateway validate")
                .contains("Usage: gateway");
    }

    @Test
    void aCommandOfTheKitIsUnknownToTheServerJar() {
        assertThat(run("conformance", "--help")).isEqualTo(2);
        assertThat(errors()).contains("'conformance'").contains("Usage: gateway").doesNotContain("Usage: gateway conformance");
    }

    @Test
    void anOptionCarryingASecretIsRefusedBeforeAnythingRuns() {
        assertThat(run("--spring.datasource.password=hunter2")).isEqualTo(2);
        assertThat(errors()).contains("would put a secret on the command line").doesNotContain("hunter2");
        assertThat(run("api-key-digest", "--api-key", "some-key-value")).isEqualTo(2);
        assertThat(errors()).contains("--api-key-file FILE or the CASW_API_KEY");
    }

    @Test
    void aMissingRequiredOptionIsAUsageErrorWithTheUsage() {
        assertThat(run("sign", "document.xml")).isEqualTo(2);
        assertThat(errors()).contains("Missing required options", "--profile", "Usage: gateway sign");
    }

    @Test
    void completionIsGeneratedForTheJarsName() {
        assertThat(run("generate-completion")).isZero();
        assertThat(printed()).contains("complete -F _complete_gateway", "api-key-digest");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CommandLine commandLine = GatewayCommandLine.create("gateway");
        return GatewayCommandLine.execute(commandLine, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
