package org.casw.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.awaitility.Awaitility.await;

/** A party's HTTP client for a gateway on loopback, as the tests use it. */
public final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    public GatewayClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> post(String key, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/messages"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    /** A POST without a body, as operator actions are. */
    public HttpResponse<String> postTo(String key, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    public HttpResponse<String> postXml(String key, String xml) {
        return post(key, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String key, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Waits until the message is ACKNOWLEDGED with the receiver's status code, then returns it. */
    public JsonNode awaitAcknowledged(String key, String trackingId, String destinationStatus) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> json(get(key, "/api/v1/messages/" + trackingId)),
                m -> "ACKNOWLEDGED".equals(m.path("status").asText()) && destinationStatus.equals(m.path("destinationStatus").asText()));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
