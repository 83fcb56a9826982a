package org.casw.gateway.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.casw.gateway.GatewayClient;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's main journeys as a person walks them in Chromium, in English and in Chinese: an enterprise submits a
 * declaration and sees it released; an operator finds a failed delivery and retries it; an operator suspends and
 * resumes a partner. (Tracking a container: {@link ConsoleTrackingJourneyTest}.) Each leaves screenshots.
 */
class ConsoleJourneysTest extends GatewayIntegrationTest {

    @TempDir
    Path files;

    @Test
    void anOperatorLogsInAndSwitchesLanguage() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(port, "en")) {
            browser.logIn("ops", "not-the-password");
            assertThat(browser.text(By.cssSelector("[role=alert]"))).isEqualTo("Wrong name, password or API key.");
            browser.screenshot("login-en");

            browser.logIn("ops", "demo-operator-password");
            assertThat(browser.path()).isEqualTo("/console/operator/dashboard");
            assertThat(browser.heading()).isEqualTo("Dashboard");
            browser.screenshot("dashboard-en");

            browser.click(By.linkText("中文"));
            assertThat(browser.heading()).isEqualTo("总览");
            // the choice stays with the person from page to page
            browser.click(By.linkText("报文"));
            assertThat(browser.heading()).isEqualTo("报文");
            browser.screenshot("messages-zh");
            browser.click(By.linkText("English"));
            assertThat(browser.heading()).isEqualTo("Messages");

            browser.click(By.cssSelector(".who button[type=submit]"));
            assertThat(browser.text(By.cssSelector("[role=status]"))).isEqualTo("You are logged out.");
            browser.go("/console/operator/dashboard");
            assertThat(browser.path()).startsWith("/console/login");
        }
    }

    @Test
    void anEnterpriseSubmitsADeclarationAndSeesItReleased() throws IOException {
        Path refused = Files.writeString(files.resolve("declaration-bad-container.xml"),
                Samples.sample("declaration", "invalid", "container-check-digit.xml"));
        Path declaration = Files.writeString(files.resolve("declaration.xml"), Samples.declaration("CONSOLE-" + System.nanoTime()));
        try (ConsoleBrowser browser = ConsoleBrowser.open(port, "zh-CN")) {
            browser.logIn("DEMO-ENTERPRISE", ENTERPRISE_KEY);
            assertThat(browser.heading()).isEqualTo("提交单证");

            // checked before it is sent: the rule that fails is named, with the field
            browser.choose("document", refused).click(By.id("check"));
            assertThat(browser.text(By.cssSelector("#outcome [role=alert]"))).startsWith("该单证将被拒收");
            assertThat(browser.text(By.cssSelector("#outcome .violations"))).contains("CONTAINER_CHECK_DIGIT", "/DecMessage");

            browser.choose("document", declaration).click(By.id("check"));
            assertThat(browser.text(By.cssSelector("#outcome [role=status]"))).isEqualTo("该单证是报关单，未违反任何规则，可以提交。");
            browser.choose("document", declaration).click(By.id("submit"));
            assertThat(browser.text(By.cssSelector("#outcome [role=status]"))).startsWith("已提交：跟踪号 SW");
            browser.screenshot("upload-zh");

            // the message's page follows it by itself until customs releases it (P)
            browser.click(By.id("follow"));
            browser.waitForText(By.id("summary"), "P");
            assertThat(browser.text(By.id("summary"))).contains("已回执", "报关单", "CN-CUSTOMS");
            assertThat(browser.text(By.id("timeline-h"))).isEqualTo("时间线");
            browser.screenshot("message-zh");
        }
    }

    @Test
    void anOperatorFindsFailedDeliveriesAndRetriesThemOneByOneAndTogether() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(port, "en")) {
            browser.logIn("ops", "demo-operator-password");
            // the sandbox customs answers every delivery with an error, so the declarations fail after their attempts
            setCustomsErrorRate(browser, "1");
            List<String> failed = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    failed.add(GatewayClient.json(client.postXml(ENTERPRISE_KEY, Samples.declaration("RETRY-" + i + "-" + System.nanoTime())))
                            .get("trackingId").asText());
                }
                for (String trackingId : failed) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> GatewayClient.json(client.get(ENTERPRISE_KEY,
                            "/api/v1/messages/" + trackingId)).path("status").asText(), "FAILED"::equals);
                }
            } finally {
                setCustomsErrorRate(browser, "0");
            }

            browser.click(By.linkText("Failed deliveries"));
            assertThat(browser.heading()).isEqualTo("Failed deliveries");
            assertThat(browser.text(By.cssSelector("main table"))).contains(failed).contains("HTTP 500");
            browser.screenshot("failed-en");
            // one by its own button, whatever else is ticked
            browser.click(By.id("pick-" + failed.get(1)));
            browser.click(By.cssSelector("button[name=one][value='" + failed.get(0) + "']"));
            assertThat(browser.text(By.cssSelector("[role=status]"))).isEqualTo("One message is back on its queue.");
            // the other two ticked together
            browser.click(By.id("pick-" + failed.get(1))).click(By.id("pick-" + failed.get(2))).click(By.id("retry-selected"));
            assertThat(browser.text(By.cssSelector("[role=status]"))).isEqualTo("2 messages are back on their queues.");

            for (String trackingId : failed) {
                browser.go("/console/messages/" + trackingId);
                browser.waitForText(By.id("summary"), "acknowledged");
                assertThat(browser.text(By.cssSelector(".timeline"))).contains("retried by operator:ops");
            }
        }
        // counted for the operators' dashboards, by receiver
        String scrape = client.get("demo-operator-key", "/actuator/prometheus").body();
        assertThat(scrape).containsPattern("gateway_operator_retries_total\\{[^}]*party=\"CN-CUSTOMS\"[^}]*} (?:[3-9]|[1-9][0-9]+)\\.0");
    }

    @Test
    void anOperatorSuspendsAndResumesAPartner() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(port, "en")) {
            browser.logIn("ops", "demo-operator-password").click(By.linkText("Partners"));
            browser.click(By.cssSelector("#partner-MY-NSW button[type=submit]"));
            assertThat(browser.text(By.cssSelector("[role=status]"))).isEqualTo("MY-NSW is suspended: its documents wait in its queue.");
            assertThat(browser.text(By.cssSelector("#partner-MY-NSW"))).contains("suspended");
            assertThat(GatewayClient.json(client.get("demo-operator-key", "/api/v1/partners")).findValues("partyId").toString())
                    .contains("MY-NSW");
            assertThat(suspended("MY-NSW")).isTrue();
            browser.screenshot("partners-en");

            browser.click(By.cssSelector("#partner-MY-NSW button[type=submit]"));
            assertThat(browser.text(By.cssSelector("[role=status]"))).isEqualTo("MY-NSW is resumed: its documents flow again.");
            assertThat(suspended("MY-NSW")).isFalse();
        }
    }

    private boolean suspended(String party) {
        for (var p : GatewayClient.json(client.get("demo-operator-key", "/api/v1/partners"))) {
            if (party.equals(p.path("partyId").asText())) {
                return p.path("suspended").asBoolean();
            }
        }
        throw new AssertionError(party + " is not listed");
    }

    private static void setCustomsErrorRate(ConsoleBrowser browser, String rate) {
        browser.go("/console/operator/sandbox").type("error-CN-CUSTOMS", rate)
                .click(By.cssSelector("#sandbox-CN-CUSTOMS button[type=submit]"));
        assertThat(browser.text(By.cssSelector("[role=status]"))).isEqualTo("The faults of CN-CUSTOMS are changed.");
    }
}
