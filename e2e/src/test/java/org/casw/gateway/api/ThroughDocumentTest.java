package org.casw.gateway.api;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.routes.rules.CheckDigits;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Sea-rail "one document": the sea and rail manifests of a container merged, with its events from both legs. */
class ThroughDocumentTest extends GatewayIntegrationTest {

    private static final String PORT_KEY = "demo-port-key";
    private static final String CUSTOMS_KEY = "sandbox-customs-key";

    @Test
    void customsGetsOneThroughDocumentWithOneTimelineByContainerOrByEitherBill() {
        Journey journey = new Journey();
        journey.file(UNCHANGED);

        HttpResponse<String> byContainer = get(CUSTOMS_KEY, "/api/v1/through-documents?container=" + journey.container);

        assertThat(byContainer.statusCode()).as(byContainer.body()).isEqualTo(200);
        assertThat(byContainer.headers().firstValue("Content-Type")).get().asString().startsWith("application/xml");
        String xml = byContainer.body();
        assertThat(xml).contains("<ThroughDocumentNo>TD-" + journey.seaBill + "-" + journey.railBill + "</ThroughDocumentNo>",
                "<Number>" + journey.container + "</Number>", "<Mode>SEA</Mode>", "<Mode>RAIL</Mode>");
        assertThat(xml.indexOf("<Mode>SEA</Mode>")).isLessThan(xml.indexOf("<Mode>RAIL</Mode>"));
        // one timeline across both legs, in time order; the container's September trip is not this journey
        assertThat(xml).containsSubsequence("<EventType>DISCHARGE</EventType>", "<EventType>GATE_OUT</EventType>",
                "<EventType>GATE_IN</EventType>", "<EventType>RAIL_DEPARTURE</EventType>", "<EventType>RAIL_ARRIVAL</EventType>");
        assertThat(xml).doesNotContain("X8001").contains("<SourceBatchId>" + journey.portBatch + "</SourceBatchId>",
                "<SourceBatchId>" + journey.railBatch + "</SourceBatchId>");

        assertThat(get(CUSTOMS_KEY, "/api/v1/through-documents?bill=" + journey.seaBill).body())
                .contains("TD-" + journey.seaBill + "-" + journey.railBill);
        assertThat(get(CUSTOMS_KEY, "/api/v1/through-documents?bill=" + journey.railBill).body())
                .contains("TD-" + journey.seaBill + "-" + journey.railBill);
    }

    @Test
    void aPartySeesNoPairItDidNotSendOrReceive() {
        Journey journey = new Journey();
        journey.file(UNCHANGED);

        HttpResponse<String> port = get(PORT_KEY, "/api/v1/through-documents?container=" + journey.container);
        HttpResponse<String> enterprise = get(ENTERPRISE_KEY, "/api/v1/through-documents?bill=" + journey.seaBill);

        assertThat(port.statusCode()).isEqualTo(404);
        assertThat(port.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(json(port).get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(enterprise.statusCode()).isEqualTo(404);
    }

    @Test
    void legsThatDoNotFitAreRefusedWithTheirViolations() {
        Journey journey = new Journey();
        journey.file(rail -> rail.replace("<ID>91450700MA5L3QR71R</ID>", "<ID>91500000MA60ABCD1X</ID>"));

        HttpResponse<String> response = get(CUSTOMS_KEY, "/api/v1/through-documents?container=" + journey.container);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode violation = json(response).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("THROUGH_PARTY_MISMATCH");
        assertThat(violation.get("path").asText()).isEqualTo("/Manifest/Declaration/Consignment/Consignee/ID");
        assertThat(violation.get("message").asText()).contains("91500000MA60ABCD1X", "91450700MA5L3QR71R");
    }

    @Test
    void theContainersEventsComeInPagesWithALinkToTheNext() {
        Journey journey = new Journey();
        journey.file(UNCHANGED);

        HttpResponse<String> first = get(CUSTOMS_KEY, "/api/v1/through-documents?container=" + journey.container + "&size=1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String next = "/api/v1/through-documents?container=" + journey.container + "&page=1&size=1";
        assertThat(first.headers().firstValue("Link")).contains("<" + next + ">; rel=\"next\"");
        assertThat(first.body()).contains("<SourceBatchId>" + journey.portBatch + "</SourceBatchId>")
                .doesNotContain(journey.railBatch);

        HttpResponse<String> second = get(CUSTOMS_KEY, next);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("TD-" + journey.seaBill + "-" + journey.railBill,
                "<SourceBatchId>" + journey.railBatch + "</SourceBatchId>").doesNotContain(journey.portBatch);
        assertThat(second.headers().firstValue("Link")).as("the last page").isEmpty();
    }

    @Test
    void aPageSizeOverTheMaximumIsRefusedWithACodedProblem() {
        HttpResponse<String> response = get(CUSTOMS_KEY, "/api/v1/through-documents?container=CSQU3054383&size=501");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asText()).isEqualTo("INVALID_PARAMETER");
        assertThat(json(response).get("detail").asText()).contains("500");
    }

    @Test
    void exactlyOneOfContainerOrBillIsAsked() {
        assertThat(get(CUSTOMS_KEY, "/api/v1/through-documents").statusCode()).isEqualTo(400);
        assertThat(get(CUSTOMS_KEY, "/api/v1/through-documents?container=A&bill=B").statusCode()).isEqualTo(400);
        assertThat(get(null, "/api/v1/through-documents?container=CSQU3054383").statusCode()).isEqualTo(401);
    }

    private static final java.util.function.UnaryOperator<String> UNCHANGED = rail -> rail;

    /** The samples' sea-rail journey under a fresh container, bills and message ids, filed by the port and the railway. */
    private final class Journey {
        final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        final String container = container();
        final String seaBill = "PIL" + id;
        final String railBill = "QZCQ" + id;
        final String portBatch = "QZPORT-TD-" + id;
        final String railBatch = "QZRAIL-TD-" + id;

        void file(java.util.function.UnaryOperator<String> railChange) {
            String sea = Samples.sample("manifest", "valid", "mt1101-import-sea-laem-chabang-qinzhou.xml")
                    .replace("PABV-MT1101-20261120-0001", "TD-MT1101-" + id).replace("PILQZH2611002", "PIL" + id + "B");
            String rail = railChange.apply(Samples.sample("manifest", "valid", "mt1401-rail-sea-rail-qinzhou-chongqing.xml")
                    .replace("QZRAIL-MT1401-20261121-0007", "TD-MT1401-" + id));
            accepted(PORT_KEY, own(sea));
            accepted(RAIL_KEY, own(rail));
            accepted(PORT_KEY, own(Samples.sample("container-event", "valid", "qinzhou-port-sea-rail-durian-discharge.xml")
                    .replace("QZPORT-EV-20261121-0042", portBatch)));
            accepted(RAIL_KEY, own(Samples.sample("container-event", "valid", "qinzhou-rail-sea-rail-durian-to-chongqing.xml")
                    .replace("QZRAIL-20261121-X8085", railBatch)));
        }

        private String own(String xml) {
            return xml.replace("CSQU3054383", container).replace("PILQZH2611001", seaBill).replace("QZCQ2611210031", railBill);
        }

        private void accepted(String key, String xml) {
            HttpResponse<String> response = postXml(key, xml);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }

        private String container() {
            String firstTen = "TDRU" + String.format("%06d", Math.floorMod(id.hashCode(), 1_000_000));
            return firstTen + CheckDigits.containerCheckDigit(firstTen);
        }
    }
}
