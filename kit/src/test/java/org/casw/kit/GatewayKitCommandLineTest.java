package org.casw.kit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.casw.gateway.cli.GatewayCommandLine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** gateway-kit.jar's command line: the gateway's commands plus the kit's, each with its help. */
class GatewayKitCommandLineTest {

    static final List<String> KIT_COMMANDS = List.of("demo", "conformance", "sandbox", "test-vectors");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void addsTheToolingToTheGatewaysCommands() {
        assertThat(GatewayKit.commandLine().getSubcommands().keySet()).containsAll(KIT_COMMANDS)
                .containsAll(GatewayCommandLine.create("gateway").getSubcommands().keySet());
    }

    @Test
    void everyCommandAnswersHelpWithStatusZero() {
        for (String command : GatewayKit.commandLine().getSubcommands().keySet()) {
            if (!command.equals("help")) {
                assertThat(run(command, "--help")).as(command + " --help: " + errors()).isZero();
                assertThat(printed()).as(command + " --help").contains("Usage: gateway-kit " + command);
            }
            assertThat(run("help", command)).as("help " + command).isZero();
        }
    }

    @Test
    void aKitCommandWithAMissingOptionIsAUsageError() {
        assertThat(run("conformance", "--target", "http://127.0.0.1:9")).isEqualTo(2);
        assertThat(errors()).contains("Missing required option: '--partner=PROFILE'", "Usage: gateway-kit conformance");
        assertThat(run("demo", "--port")).isEqualTo(2);
        assertThat(errors()).contains("Missing required parameter for option '--port'");
    }

    @Test
    void aMisspeltKitCommandIsSuggested() {
        assertThat(run("conformence")).isEqualTo(2);
        assertThat(errors()).contains("Did you mean: gateway-kit conformance");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return GatewayCommandLine.execute(GatewayKit.commandLine(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
