package org.casw.sandbox;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.routes.delivery.HttpChannel;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Value;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandboxes act as customs and as the SG/MY windows with their keys, so none is open: each answers an
 * operator or the party it acts as (its own API key); its inbox also the gateway delivering with the data
 * directory's delivery token (0600); anyone else gets 401 or 403 with a coded problem. Bodies are bounded (413).
 */
class SandboxAccessTest extends GatewayIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPERATOR_KEY = "demo-operator-key";

    @Value("${gateway.data-dir}")
    Path dataDir;

    @ParameterizedTest
    @CsvSource({"GET,/sandbox/customs", "GET,/sandbox/customs/inbox", "POST,/sandbox/customs/inbox", "GET,/sandbox/windows/SG-NSW",
            "GET,/sandbox/windows/SG-NSW/inbox", "POST,/sandbox/windows/SG-NSW/inbox", "GET,/sandbox/windows/SG-NSW/refused",
            "POST,/sandbox/windows/SG-NSW/certificates", "POST,/sandbox/windows/SG-NSW/aeo", "POST,/sandbox/windows/MY-NSW/certificates",
            "POST,/sandbox/windows/MY-NSW/aeo", "GET,/sandbox/port", "POST,/sandbox/port/gate-out", "POST,/sandbox/port/connect",
            "POST,/sandbox/port/disconnect", "GET,/sandbox/port/submissions", "GET,/sandbox/rail", "POST,/sandbox/rail/connect"})
    void everySandboxEndpointRefusesARequestWithoutCredentials(String method, String path) throws Exception {
        HttpResponse<String> response = send(method, path, null, "{}");

        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(401);
        assertThat(json(response).get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @ParameterizedTest
    @CsvSource({"demo-enterprise-key,POST,/sandbox/windows/SG-NSW/certificates", "demo-my-nsw-key,POST,/sandbox/windows/SG-NSW/aeo",
            "demo-sg-nsw-key,GET,/sandbox/customs", "demo-sg-nsw-key,POST,/sandbox/customs/inbox", "demo-rail-key,POST,/sandbox/port/gate-out",
            "demo-port-key,GET,/sandbox/rail", "demo-enterprise-key,GET,/sandbox/windows/DEMO-ENTERPRISE"})
    void anotherPartysKeyIsRefusedWithACodedProblem(String key, String method, String path) throws Exception {
        HttpResponse<String> response = send(method, path, key, "{}");

        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(403);
        assertThat(json(response).get("code").asText()).isEqualTo("SANDBOX_ACCESS_DENIED");
    }

    @ParameterizedTest
    @CsvSource({"demo-sg-nsw-key,/sandbox/windows/SG-NSW", "demo-my-nsw-key,/sandbox/windows/MY-NSW/inbox",
            "sandbox-customs-key,/sandbox/customs", "demo-port-key,/sandbox/port/submissions", "demo-rail-key,/sandbox/rail",
            "demo-operator-key,/sandbox/customs/inbox", "demo-operator-key,/sandbox/windows/SG-NSW/refused", "demo-operator-key,/sandbox/port"})
    void theSandboxsOwnPartyAndOperatorsAreAdmitted(String key, String path) throws Exception {
        HttpResponse<String> response = send("GET", path, key, null);

        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    }

    @Test
    void theDeliveryTokenOpensTheInboxesAndNothingElse() throws Exception {
        String token = Files.readString(dataDir.resolve(SandboxDeliveryToken.FILE)).strip();

        HttpResponse<String> customs = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/customs/inbox"))
                .header("Authorization", "Bearer " + token).header(HttpChannel.TRACKING_HEADER, "SW-TOKEN-ONLY-1")
                .header("X-SW-Document-Type", "CONTAINER_EVENT").POST(HttpRequest.BodyPublishers.ofString("<ContainerEvents/>")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(customs.statusCode()).as(customs.body()).isEqualTo(202);
        assertThat(json(get(OPERATOR_KEY, "/sandbox/customs/inbox")).path("SW-TOKEN-ONLY-1").asInt()).isEqualTo(1);

        for (String[] request : List.of(new String[] {"GET", "/sandbox/customs"}, new String[] {"GET", "/sandbox/customs/inbox"},
                new String[] {"POST", "/sandbox/windows/SG-NSW/certificates"}, new String[] {"POST", "/sandbox/windows/MY-NSW/aeo"},
                new String[] {"POST", "/sandbox/port/gate-out"})) {
            HttpResponse<String> refused = send(request[0], request[1], token, "{}");
            assertThat(refused.statusCode()).as(request[0] + " " + request[1]).isEqualTo(403);
        }
        assertThat(send("GET", "/api/v1/messages?size=1", token, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theDeliveryTokenIsKeptReadableByItsOwnerOnly() throws Exception {
        Path file = dataDir.resolve(SandboxDeliveryToken.FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(file).strip()).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void theGatewayDeliversToTheSandboxCustomsWithTheToken() {
        HttpResponse<String> accepted = postXml(ENTERPRISE_KEY, Samples.declaration("QZ-TOKEN-" + System.nanoTime()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String trackingId = json(accepted).get("trackingId").asText();

        client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");
        assertThat(json(get(OPERATOR_KEY, "/sandbox/customs/inbox")).path(trackingId).asInt()).isEqualTo(1);
    }

    @Test
    void aRequestOverTheSandboxsLimitIsRefusedWith413() throws Exception {
        String big = "{\"exporterName\": \"" + "x".repeat(70 * 1024) + "\"}";

        HttpResponse<String> declared = send("POST", "/sandbox/windows/SG-NSW/certificates", "demo-sg-nsw-key", big);
        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/windows/SG-NSW/aeo"))
                .header("Authorization", "Bearer demo-sg-nsw-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(declared, chunked)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            JsonNode problem = json(response);
            assertThat(problem.get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(problem.get("limit").asLong()).isEqualTo(64 * 1024);
        }
    }

    @Test
    void aDeliveryOverTwiceThePayloadLimitIsRefusedAtTheInbox() throws Exception {
        String token = Files.readString(dataDir.resolve(SandboxDeliveryToken.FILE)).strip();
        byte[] oversized = new byte[20 * 1024 * 1024 + 1];

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/customs/inbox"))
                .header("Authorization", "Bearer " + token).header(HttpChannel.TRACKING_HEADER, "SW-OVERSIZED-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(oversized)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(json(get(OPERATOR_KEY, "/sandbox/customs/inbox")).has("SW-OVERSIZED-1")).isFalse();
    }

    private HttpResponse<String> send(String method, String path, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
