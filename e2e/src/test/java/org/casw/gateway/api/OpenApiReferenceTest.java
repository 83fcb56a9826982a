package org.casw.gateway.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.casw.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reference in docs/api/openapi.json is the one the gateway serves at /api/v1/openapi.json, generated from
 * the code: a change to the API that is not in the committed reference fails here. Regenerate it with
 * {@code mvn -B -pl e2e -am test -Dtest=OpenApiReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dcasw.openapi.write=true}.
 */
class OpenApiReferenceTest extends GatewayIntegrationTest {

    static final Path REFERENCE = Path.of("..", "docs", "api", "openapi.json");

    @Test
    void theCommittedReferenceIsTheServedDocument() throws Exception {
        var response = get(null, "/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        ObjectNode served = (ObjectNode) json.readTree(response.body());
        served.remove("servers"); // the test's random port, not part of the API
        String document = json.writeValueAsString(json.treeToValue(served, Object.class)) + "\n";
        if (Boolean.getBoolean("casw.openapi.write")) {
            Files.writeString(REFERENCE, document, StandardCharsets.UTF_8);
        }
        assertThat(REFERENCE).as("docs/api/openapi.json; regenerate it as this test's comment says").exists();
        assertThat(Files.readString(REFERENCE, StandardCharsets.UTF_8))
                .as("docs/api/openapi.json is out of date; regenerate it as this test's comment says").isEqualTo(document);
    }
}
