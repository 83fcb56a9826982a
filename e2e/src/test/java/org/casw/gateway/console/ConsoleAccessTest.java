package org.casw.gateway.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casw.gateway.GatewayClient;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reaches what in the console, over plain HTTP: a login is needed everywhere but the login page and the assets;
 * every change needs the session's CSRF token; a party reaches neither the operator's pages nor another party's
 * messages; nothing in the pages comes from a CDN.
 */
class ConsoleAccessTest extends GatewayIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** One person's browser session: its own cookies. */
    private final class Session {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET().build());
        }

        HttpResponse<String> post(String path, String form) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        }

        String csrf(String path) {
            Matcher token = CSRF.matcher(get(path).body());
            assertThat(token.find()).as("a CSRF token in the form of " + path).isTrue();
            return token.group(1);
        }

        HttpResponse<String> logIn(String name, String secret) {
            return post("/console/login", "username=" + enc(name) + "&password=" + enc(secret) + "&_csrf=" + enc(csrf("/console/login")));
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void everyPageButTheLoginNeedsALogin() {
        Session anonymous = new Session();
        for (String path : new String[] {"/console", "/console/messages", "/console/operator/dashboard", "/console/party/upload",
                "/console/track?key=X"}) {
            HttpResponse<String> page = anonymous.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/console/login");
        }
        assertThat(anonymous.get("/console/login").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/console/assets/console.css").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongSecretsAndOtherPartiesKeysDoNotLogIn() {
        assertThat(new Session().logIn("ops", "demo-operator-key").headers().firstValue("Location").orElseThrow())
                .as("an operator's API key is not its console password").endsWith("/console/login?error=BAD_CREDENTIALS");
        assertThat(new Session().logIn("DEMO-ENTERPRISE", "demo-port-key").headers().firstValue("Location").orElseThrow())
                .as("another party's key").endsWith("/console/login?error=BAD_CREDENTIALS");
        assertThat(new Session().logIn("NOBODY", "demo-enterprise-key").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/login?error=BAD_CREDENTIALS");
        assertThat(new Session().logIn("DEMO-ENTERPRISE", "demo-enterprise-password").headers().firstValue("Location").orElseThrow())
                .endsWith("/console");
    }

    @Test
    void fiveWrongSecretsRefuseTheNameEvenWithTheRightOne() {
        for (int i = 0; i < 5; i++) {
            assertThat(new Session().logIn("PORT-QINZHOU", "a-wrong-port-key-" + i).headers().firstValue("Location").orElseThrow())
                    .endsWith("/console/login?error=BAD_CREDENTIALS");
        }
        assertThat(new Session().logIn("PORT-QINZHOU", "demo-port-key").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/login?error=TOO_MANY_ATTEMPTS");
        Session page = new Session();
        assertThat(page.get("/console/login?error=TOO_MANY_ATTEMPTS").body()).contains("Too many wrong passwords or keys");
        // another name is not held back, and the API is not the console
        assertThat(new Session().logIn("DEMO-ENTERPRISE", ENTERPRISE_KEY).headers().firstValue("Location").orElseThrow())
                .endsWith("/console");
        assertThat(client.get("demo-port-key", "/api/v1/messages").statusCode()).isEqualTo(200);
    }

    @Test
    void changesNeedTheSessionsCsrfToken() {
        Session operator = new Session();
        operator.logIn("ops", "demo-operator-password");
        assertThat(operator.post("/console/operator/partners/MY-NSW/suspend", "").statusCode()).isEqualTo(403);
        assertThat(operator.post("/console/operator/partners/MY-NSW/suspend", "_csrf=not-the-token").statusCode()).isEqualTo(403);
        assertThat(GatewayClient.json(client.get("demo-operator-key", "/api/v1/partners")).toString())
                .doesNotContain("\"partyId\":\"MY-NSW\",\"name\":\"Malaysia National Single Window\",\"role\":\"PARTNER_SINGLE_WINDOW\","
                        + "\"channel\":\"HTTP\",\"suspended\":true");
    }

    @Test
    void aPartySeesOnlyItsOwnMessagesAndNoOperatorPage() {
        String clientSeqNo = "ACCESS-" + System.nanoTime();
        String trackingId = GatewayClient.json(client.postXml(ENTERPRISE_KEY, Samples.declaration(clientSeqNo))).get("trackingId").asText();
        Session enterprise = new Session();
        enterprise.logIn("DEMO-ENTERPRISE", ENTERPRISE_KEY);
        assertThat(enterprise.get("/console/messages/" + trackingId).statusCode()).isEqualTo(200);
        assertThat(enterprise.get("/console/messages/" + trackingId + "/payloads/1").body()).contains("<DecMessage");
        assertThat(enterprise.get("/console/operator/dashboard").statusCode()).isEqualTo(403);
        assertThat(enterprise.get("/console/operator/failed").statusCode()).isEqualTo(403);

        Session rail = new Session();
        rail.logIn("RAIL-QINZHOU", RAIL_KEY);
        assertThat(rail.get("/console/messages/" + trackingId).statusCode()).isEqualTo(404);
        assertThat(rail.get("/console/messages/" + trackingId + "/payloads/1").statusCode()).isEqualTo(404);
        // the same search finds it for its sender and not for another party
        assertThat(rail.get("/console/messages?key=" + clientSeqNo).body()).contains("No message found")
                .doesNotContain("/console/messages/" + trackingId);
        assertThat(enterprise.get("/console/messages?key=" + clientSeqNo).body()).contains("/console/messages/" + trackingId);

        assertThat(enterprise.get("/console/operator/dashboard/figures").statusCode()).isEqualTo(403);

        Session operator = new Session();
        operator.logIn("ops", "demo-operator-password");
        // the dashboard's chart counts it, by type and by status, in the minute it arrived
        JsonNode figures = GatewayClient.json(operator.get("/console/operator/dashboard/figures"));
        assertThat(figures.get("minutes")).hasSize(60);
        long declarations = 0;
        for (JsonNode count : figures.path("byType").path("DECLARATION")) {
            declarations += count.asLong();
        }
        assertThat(declarations).isPositive();
        assertThat(figures.path("byStatus").size()).isPositive();
        HttpResponse<String> payload = operator.get("/console/messages/" + trackingId + "/payloads/1?download=true");
        assertThat(payload.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(payload.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    }

    @Test
    void pagesLoadNothingFromElsewhere() {
        Session operator = new Session();
        operator.logIn("ops", "demo-operator-password");
        HttpResponse<String> dashboard = operator.get("/console/operator/dashboard");
        assertThat(dashboard.body()).doesNotContain("https://", "http://");
        assertThat(dashboard.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'",
                "script-src 'self'");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
