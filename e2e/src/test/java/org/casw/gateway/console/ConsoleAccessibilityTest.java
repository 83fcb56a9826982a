package org.casw.gateway.console;

import org.casw.gateway.GatewayClient;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console view passes axe-core's WCAG 2 A and AA rules (labels, contrast, names, landmarks, language) in both
 * languages, and fits a tablet's width as well as a laptop's.
 */
class ConsoleAccessibilityTest extends GatewayIntegrationTest {

    private static final String[] OPERATOR_VIEWS = {"/console/operator/dashboard", "/console/messages", "/console/operator/failed",
        "/console/operator/partners", "/console/operator/certificates", "/console/operator/aeo", "/console/operator/sandbox",
        "/console/track?key=CSQU3054383"};

    private static final String[] PARTY_VIEWS = {"/console/party/upload", "/console/messages", "/console/track?key=CSQU3054383"};

    @Test
    void operatorViewsPassAxeInEnglishAndFitATablet() {
        String trackingId = GatewayClient.json(client.postXml(ENTERPRISE_KEY, Samples.declaration("A11Y-" + System.nanoTime())))
                .get("trackingId").asText();
        try (ConsoleBrowser browser = ConsoleBrowser.open(port, "en")) {
            assertThat(browser.go("/console/login").accessibilityViolations()).as("login").isEmpty();
            browser.logIn("ops", "demo-operator-password");
            for (String view : OPERATOR_VIEWS) {
                assertThat(browser.go(view).accessibilityViolations()).as(view).isEmpty();
            }
            assertThat(browser.go("/console/messages/" + trackingId).accessibilityViolations()).as("a message").isEmpty();
            browser.resize(820, 1180);
            for (String view : OPERATOR_VIEWS) {
                assertThat(browser.go(view).fitsWidth()).as(view + " at 820 px").isTrue();
            }
            assertThat(browser.go("/console/messages/" + trackingId).fitsWidth()).as("a message at 820 px").isTrue();
        }
    }

    @Test
    void partyViewsPassAxeInChinese() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(port, "zh-CN")) {
            assertThat(browser.go("/console/login").accessibilityViolations()).as("login").isEmpty();
            browser.logIn("DEMO-ENTERPRISE", "demo-enterprise-password");
            for (String view : PARTY_VIEWS) {
                assertThat(browser.go(view).accessibilityViolations()).as(view).isEmpty();
            }
            // the check itself can fail: a field without a label is found
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("document.querySelector('main').appendChild(document.createElement('input'))");
            assertThat(browser.accessibilityViolations()).anyMatch(v -> v.startsWith("label"));
        }
    }
}
