package org.casw.gateway.api;

import java.net.http.HttpResponse;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The two-step declaration: a summary first (goods released on it), the complete one later, correlated. */
class TwoStepDeclarationTest extends GatewayIntegrationTest {

    @Test
    void completeDeclarationReferencingAnAcceptedSummaryIsAccepted() {
        String entryId = acceptedSummary("TWO-STEP-S1");

        HttpResponse<String> complete = postXml(ENTERPRISE_KEY, complete("TWO-STEP-C1", entryId));

        assertThat(complete.statusCode()).as(complete.body()).isEqualTo(202);
        client.awaitAcknowledged(ENTERPRISE_KEY, json(complete).get("trackingId").asText(), "P");
    }

    @Test
    void completeDeclarationMustAgreeWithItsSummary() {
        String entryId = acceptedSummary("TWO-STEP-S2");

        HttpResponse<String> complete = postXml(ENTERPRISE_KEY, complete("TWO-STEP-C2", entryId)
                .replace("<BillNo>PILQZH2611001</BillNo>", "<BillNo>PILQZH2611777</BillNo>")
                .replace("<CodeTS>0810600000</CodeTS>", "<CodeTS>0810909000</CodeTS>"));

        assertThat(complete.statusCode()).isEqualTo(422);
        assertThat(complete.body()).contains("TWO_STEP_MISMATCH", "/DecMessage/DecHead/BillNo", "/DecMessage/DecLists");
    }

    @Test
    void completeDeclarationWithoutAnAcceptedSummaryIsRefused() {
        HttpResponse<String> complete = postXml(ENTERPRISE_KEY, complete("TWO-STEP-C3", "720520269999999999"));

        assertThat(complete.statusCode()).isEqualTo(422);
        JsonNode violation = json(complete).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("TWO_STEP_SUMMARY_UNKNOWN");
        assertThat(violation.get("path").asText()).isEqualTo("/DecMessage/DecFreeTxt/RelId");
    }

    /** Submits a summary declaration and waits until the sandbox customs accepted it (SpK); returns its entry id. */
    private String acceptedSummary(String clientSeqNo) {
        String summary = Samples.sample("declaration", "valid", "two-step-summary.xml")
                .replace("QZDEMO-20261121-S001", clientSeqNo);
        String trackingId = json(postXml(ENTERPRISE_KEY, summary)).get("trackingId").asText();
        return client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "SpK").get("businessKeys").get("ENTRY_ID").get(0).asText();
    }

    private static String complete(String clientSeqNo, String summaryEntryId) {
        // a complete declaration names its summary's entry id in DecFreeTxt/RelId
        return Samples.declaration(clientSeqNo).replace("<Type>0000CR</Type>", "<Type>006000</Type>")
                .replace("<RelId/>", "<RelId>" + summaryEntryId + "</RelId>");
    }
}
