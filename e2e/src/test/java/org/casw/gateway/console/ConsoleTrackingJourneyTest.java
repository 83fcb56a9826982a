package org.casw.gateway.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.kit.demo.AwaitilityWaiter;
import org.casw.kit.demo.SeaRailImportScenario;
import org.casw.sandbox.SandboxPort;
import org.casw.sandbox.SandboxRail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-click tracking as the importer sees it: after the demo's sea-rail import, the demo enterprise tracks its container
 * and sees its own documents and, from other parties, only the milestones of its consignment: the port's discharge and
 * gate-out and the railway's departure, never their documents.
 */
class ConsoleTrackingJourneyTest extends GatewayIntegrationTest {

    @Autowired
    SandboxPort sandboxPort;

    @Autowired
    SandboxRail sandboxRail;

    /** The demo dates its documents today, and the sandbox port and rail report events as they happen. */
    @Override
    protected Clock documentsDatedBy() {
        return Clock.systemUTC();
    }

    @BeforeEach
    void portAndRailSystemsOnline() {
        assertThat(sandboxPort.connect().getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(sandboxRail.connect().getStatusCode().is2xxSuccessful()).isTrue();
    }

    @AfterEach
    void portAndRailSystemsOffline() {
        sandboxPort.disconnect();
        sandboxRail.disconnect();
    }

    @Test
    void anImporterTracksItsContainerFromDischargeToRailDeparture() {
        List<SeaRailImportScenario.Step> progress = new ArrayList<>();
        SeaRailImportScenario.Result result = new SeaRailImportScenario(port, AwaitilityWaiter.INSTANCE, Duration.ofSeconds(30), progress::add).run();
        assertThat(result.failed()).as(progress.toString()).isEmpty();

        try (ConsoleBrowser browser = ConsoleBrowser.open(port, "en")) {
            browser.logIn("DEMO-ENTERPRISE", "demo-enterprise-password").click(By.linkText("Track"));
            browser.type("key", result.container()).click(By.cssSelector("form[role=search] button[type=submit]"));

            assertThat(browser.text(By.id("steps-h"))).isEqualTo("Timeline of " + result.container());
            String timeline = browser.text(By.id("timeline"));
            assertThat(timeline).contains("cargo manifest", "customs declaration", "DEMO-ENTERPRISE → CN-CUSTOMS");
            // other parties' events on its consignment, on the same timeline: milestones only, in the order they happened
            List<String> milestones = browser.driver().findElements(By.cssSelector("#timeline li.others strong")).stream()
                    .map(e -> e.getText()).toList();
            assertThat(milestones).containsSubsequence("discharged", "gate-out", "rail departure");
            String others = browser.driver().findElements(By.cssSelector("#timeline li.others")).stream().map(e -> e.getText()).toList()
                    .toString();
            assertThat(others).contains(result.container(), "PORT-QINZHOU", "RAIL-QINZHOU");
            // the port's and railway's documents themselves are not among what it can open
            assertThat(timeline).doesNotContain("container event");
            assertThat(browser.driver().findElements(By.cssSelector("#timeline li.others a"))).isEmpty();
            browser.screenshot("track-en");
        }

        // on the default run an operator moves the sandbox port on from the console, as the demo does through its API
        try (ConsoleBrowser browser = ConsoleBrowser.open(port, "en")) {
            browser.logIn("ops", "demo-operator-password").click(By.linkText("Sandbox"));
            assertThat(browser.text(By.id("container"))).contains(result.container());
            browser.click(By.cssSelector("#gate-out button[type=submit]"));
            assertThat(browser.text(By.cssSelector("[role=status]")))
                    .isEqualTo("The port reports the gate-out of " + result.container() + " to rail; the railway reports its departure after it.");
        }
    }

}
