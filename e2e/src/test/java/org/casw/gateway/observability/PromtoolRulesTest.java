package org.casw.gateway.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus' own checks of the alert rules, where its promtool is installed (Debian's prometheus package): the rules
 * load, and each alert fires, or stays quiet, as the rules' unit tests (gateway-alerts.test.yml) say.
 */
class PromtoolRulesTest {

    private static Path promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream().map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus)");
    }

    @Test
    void theRulesLoadInPrometheus() throws Exception {
        String output = run("check", "rules", MonitoringFiles.ALERT_RULES.toString());
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void eachAlertFiresWhenItsUnitTestsSayAndOnlyThen() throws Exception {
        String output = run("test", "rules", MonitoringFiles.ALERT_RULE_TESTS.toString());
        assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
    }

    private static String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool answers within a minute").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
