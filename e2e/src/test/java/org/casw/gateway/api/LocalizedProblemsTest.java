package org.casw.gateway.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.routes.validation.CodeCatalogue;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problems in the caller's language: Accept-Language asking for Simplified Chinese gives the catalogue's Chinese
 * title, anything else the English answer of before. Codes, types, details and violation messages never change.
 */
class LocalizedProblemsTest extends GatewayIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPERATOR_KEY = "demo-operator-key";
    private final CodeCatalogue catalogue = CodeCatalogue.standard();

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh", "zh-Hans", "zh-Hans-CN", "zh-SG", "zh-CN,zh;q=0.9,en;q=0.8", "fr, zh-CN;q=0.5"})
    void aReaderOfSimplifiedChineseGetsTheChineseTitleAndTheSameCode(String acceptLanguage) {
        HttpResponse<String> chinese = call("GET", "/api/v1/messages/SWNOSUCHMESSAGE", ENTERPRISE_KEY, acceptLanguage, null);
        HttpResponse<String> english = call("GET", "/api/v1/messages/SWNOSUCHMESSAGE", ENTERPRISE_KEY, null, null);

        assertThat(chinese.statusCode()).isEqualTo(404);
        assertThat(json(chinese).get("title").asText()).isEqualTo("未找到");
        assertThat(withoutTitles(json(chinese))).isEqualTo(withoutTitles(json(english)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US,en;q=0.9", "fr", "zh-TW", "zh-HK", "zh-Hant", "*", "zh-CN;q=0", "en, zh-CN;q=0.5",
            "not a ;; language"})
    void anyOtherReaderGetsTodaysEnglishAnswer(String acceptLanguage) {
        HttpResponse<String> response = call("GET", "/api/v1/messages/SWNOSUCHMESSAGE", ENTERPRISE_KEY, acceptLanguage, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(call("GET", "/api/v1/messages/SWNOSUCHMESSAGE", ENTERPRISE_KEY, null, null).body());
    }

    /** The answers without the header are byte for byte those of before the catalogue. */
    @Test
    void englishAnswersAreUnchanged() {
        assertThat(call("GET", "/api/v1/messages/SWNOSUCHMESSAGE", ENTERPRISE_KEY, null, null).body()).isEqualTo(
                "{\"type\":\"urn:casw:problem:not-found\",\"title\":\"No such message\",\"status\":404,"
                        + "\"detail\":\"You have no message with tracking id SWNOSUCHMESSAGE.\","
                        + "\"instance\":\"/api/v1/messages/SWNOSUCHMESSAGE\",\"code\":\"NOT_FOUND\"}");
        assertThat(call("GET", "/api/v1/messages", null, "en", null).body()).isEqualTo(
                "{\"type\":\"urn:casw:problem:unauthenticated\",\"title\":\"Authentication required\",\"status\":401,"
                        + "\"detail\":\"Send your party's API key as 'Authorization: Bearer <key>'.\","
                        + "\"instance\":\"/api/v1/messages\",\"code\":\"UNAUTHENTICATED\"}");
    }

    /** Problems written by the security filters, before any controller, follow the header too. */
    @Test
    void refusalsOfTheSecurityFiltersAreInChineseToo() {
        HttpResponse<String> unauthenticated = call("GET", "/api/v1/messages", null, "zh-CN", null);
        HttpResponse<String> operatorOnly = call("POST", "/api/v1/partners/CN-CUSTOMS/suspend", ENTERPRISE_KEY, "zh-CN", null);

        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(json(unauthenticated).get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(json(unauthenticated).get("title").asText()).isEqualTo("需要身份认证");
        assertThat(operatorOnly.statusCode()).isEqualTo(403);
        assertThat(json(operatorOnly).get("code").asText()).isEqualTo("OPERATOR_ONLY");
        assertThat(json(operatorOnly).get("title").asText()).isEqualTo("仅限运维人员");
        assertThat(json(call("GET", "/api/v1/track?key=", ENTERPRISE_KEY, "zh-CN", null)).get("title").asText()).isEqualTo("参数无效");
        assertThat(json(call("POST", "/api/v1/messages/SWNOSUCHMESSAGE/retry", OPERATOR_KEY, "zh-CN", null)).get("title").asText())
                .isEqualTo("未找到");
    }

    @Test
    void aRefusedDocumentKeepsItsCodesAndMessagesAndEachViolationGainsATitle() {
        String declaration = Samples.sample("declaration", "invalid", "container-check-digit.xml");
        HttpResponse<String> chinese = call("POST", "/api/v1/messages", ENTERPRISE_KEY, "zh-CN",
                declaration.replace("QZDEMO-20261121-0001", "I18N-ZH-1"));
        HttpResponse<String> english = call("POST", "/api/v1/messages", ENTERPRISE_KEY, null,
                declaration.replace("QZDEMO-20261121-0001", "I18N-EN-1"));

        assertThat(chinese.statusCode()).isEqualTo(422);
        JsonNode problem = json(chinese);
        assertThat(problem.get("code").asText()).isEqualTo("CONTAINER_CHECK_DIGIT");
        assertThat(problem.get("type").asText()).isEqualTo("urn:casw:problem:container-check-digit");
        assertThat(problem.get("title").asText()).isEqualTo("集装箱号校验码错误（ISO 6346）");
        JsonNode violation = problem.get("violations").get(0);
        assertThat(violation.get("title").asText()).isEqualTo("集装箱号校验码错误（ISO 6346）");
        assertThat(violation.get("message").asText()).contains("CSQU3054384", "should be 3");

        assertThat(english.statusCode()).isEqualTo(422);
        JsonNode englishProblem = json(english);
        assertThat(englishProblem.get("title").asText()).isEqualTo("Document failed validation");
        // today's fields in today's order; each violation gains its title after its fields
        assertThat(englishProblem.fieldNames()).toIterable().containsExactly("type", "title", "status", "detail", "instance", "code",
                "trackingId", "violations");
        englishProblem.get("violations").forEach(v -> {
            assertThat(v.fieldNames()).toIterable().containsExactly("code", "path", "message", "line", "column", "title");
            assertThat(v.get("title").asText()).isEqualTo(catalogue.title(v.get("code").asText(), Locale.ENGLISH));
        });
        problem.get("violations").forEach(v -> assertThat(v.get("title").asText())
                .isEqualTo(catalogue.title(v.get("code").asText(), Locale.SIMPLIFIED_CHINESE)));
        assertThat(withoutTitles(problem)).isEqualTo(withoutTitles(json(english)));
        assertThat(catalogue.knows(problem.get("code").asText())).isTrue();
    }

    /** The answer with every title and the tracking id removed: what no language may change. */
    private static JsonNode withoutTitles(JsonNode problem) {
        ObjectNode copy = problem.deepCopy();
        copy.remove("title");
        copy.remove("trackingId");
        copy.path("violations").forEach(v -> ((ObjectNode) v).remove("title"));
        return copy;
    }

    private HttpResponse<String> call(String method, String path, String key, String acceptLanguage, String xml) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, xml == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8));
        if (xml != null) {
            request.header("Content-Type", "application/xml");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
