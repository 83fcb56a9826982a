package org.casw.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A gateway's HTTP API as a sandbox partner submits to it with its party's API key: the gateway's own on
 * loopback (in-gateway sandboxes), or the integrator's gateway that a standalone window was pointed at.
 */
final class LoopbackGateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<String> baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The gateway this application runs: its port is known only once the server listens. */
    LoopbackGateway(Environment environment) {
        this(() -> "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080"));
    }

    /** A gateway at {@code baseUrl} (scheme, host, port, optional path prefix; {@code /api/v1/messages} is appended). */
    LoopbackGateway(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Where submissions go, for status pages and start-up lines. */
    String messagesUrl() {
        String base = baseUrl.get();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/messages";
    }

    /** The gateway's answer to one submission: HTTP status, body, and the tracking id when it gave one. */
    record Answer(int status, String body, String trackingId) {
        boolean accepted() {
            return status / 100 == 2;
        }

        boolean refused() {
            return status / 100 == 4;
        }
    }

    Answer submit(String apiKey, byte[] document) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(messagesUrl()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/xml")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String trackingId = null;
        try {
            JsonNode body = JSON.readTree(response.body());
            trackingId = body.path("trackingId").isTextual() ? body.get("trackingId").asText() : null;
        } catch (IOException e) {
            // not JSON: keep the body as it is for the log
        }
        return new Answer(response.statusCode(), response.body(), trackingId);
    }
}
