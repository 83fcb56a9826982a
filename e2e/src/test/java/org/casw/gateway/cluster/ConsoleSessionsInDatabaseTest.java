package org.casw.gateway.cluster;

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
import org.casw.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console login lives in PostgreSQL, not in the node's memory: any node behind the load balancer serves the next
 * page, and a session removed from the database is gone everywhere.
 */
class ConsoleSessionsInDatabaseTest extends GatewayIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void theApiKeepsNoSession() {
        Integer before = jdbc.queryForObject("select count(*) from spring_session", Integer.class);
        assertThat(get(ENTERPRISE_KEY, "/api/v1/messages").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class)).isEqualTo(before);
    }

    @Test
    void theLoginIsStoredInTheDatabaseAndOnlyThere() throws Exception {
        Matcher token = CSRF.matcher(send(HttpRequest.newBuilder(uri("/console/login")).GET().build()).body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ops&password=" + enc("demo-operator-password") + "&_csrf="
                        + enc(token.group(1)))).build());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(send(HttpRequest.newBuilder(uri("/console/operator/dashboard")).GET().build()).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from spring_session where principal_name = 'operator:ops'", Integer.class))
                .isPositive();

        jdbc.update("delete from spring_session where principal_name = 'operator:ops'");

        HttpResponse<String> after = send(HttpRequest.newBuilder(uri("/console/operator/dashboard")).GET().build());
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return browser.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
