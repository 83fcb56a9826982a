package org.casw.gateway.api;

import java.net.http.HttpResponse;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules that need what the gateway already holds: modification targets and arrival reports. */
class CrossDocumentRulesTest extends GatewayIntegrationTest {

    private static final String PORT_KEY = "demo-port-key";

    @Test
    void aLodgedDeclarationCanBeModifiedButNotCancelledOnceReleased() {
        String trackingId = json(postXml(ENTERPRISE_KEY, Samples.declaration("MODIFY-TARGET-1"))).get("trackingId").asText();
        String entryId = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P").get("businessKeys").get("ENTRY_ID").get(0).asText();

        HttpResponse<String> modify = postXml(ENTERPRISE_KEY, modification("modify-quantity.xml", entryId, "MOD-1"));
        HttpResponse<String> cancel = postXml(ENTERPRISE_KEY, modification("cancel.xml", entryId, "CAN-1"));

        assertThat(modify.statusCode()).as(modify.body()).isEqualTo(202);
        assertThat(json(modify).get("type").asText()).isEqualTo("DECLARATION_MODIFICATION");
        assertThat(cancel.statusCode()).isEqualTo(422);
        assertThat(cancel.body()).contains("CANCELLATION_AFTER_RELEASE", "/DecModification/Kind");
    }

    @Test
    void chinasOwnApplicationChangesALodgedDeclarationAndCannotCancelItOnceReleased() {
        String trackingId = json(postXml(ENTERPRISE_KEY, Samples.declaration("MODIFY-TARGET-2"))).get("trackingId").asText();
        String entryId = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P").get("businessKeys").get("ENTRY_ID").get(0).asText();

        HttpResponse<String> modify = postXml(ENTERPRISE_KEY, Samples.sample("declaration-modification", "valid",
                "decmod-modify-quantity.xml").replace("720520261000123456", entryId));
        HttpResponse<String> again = postXml(ENTERPRISE_KEY, Samples.sample("declaration-modification", "valid",
                "decmod-modify-quantity.xml").replace("720520261000123456", entryId));
        HttpResponse<String> cancel = postXml(ENTERPRISE_KEY, Samples.sample("declaration-modification", "valid", "decmod-cancel.xml")
                .replace("720520261000654321", entryId));

        assertThat(modify.statusCode()).as(modify.body()).isEqualTo(202);
        assertThat(json(modify).get("type").asText()).isEqualTo("DECLARATION_MODIFICATION");
        // no id of its own until the single window numbers it: entry id, kind and signing time identify it
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("trackingId").asText()).isEqualTo(json(modify).get("trackingId").asText());
        assertThat(cancel.statusCode()).isEqualTo(422);
        assertThat(cancel.body()).contains("CANCELLATION_AFTER_RELEASE", "/DecModMessage/DecModType");
    }

    @Test
    void aModificationOfAnUnknownDeclarationIsRefused() {
        HttpResponse<String> modify = postXml(ENTERPRISE_KEY, modification("modify-quantity.xml", "720520260000000001", "MOD-2"));

        assertThat(modify.statusCode()).isEqualTo(422);
        assertThat(modify.body()).contains("MODIFICATION_TARGET_UNKNOWN", "/DecModification/EntryId");
    }

    @Test
    void anArrivalReportNeedsTheOriginalManifestOfItsVoyage() {
        String arrival = Samples.sample("manifest", "valid", "mt3101-arrival-report-port-klang-qinzhou.xml")
                .replace("<JourneyID>118N</JourneyID>", "<JourneyID>777N</JourneyID>");

        HttpResponse<String> early = postXml(PORT_KEY, arrival);
        assertThat(early.statusCode()).isEqualTo(422);
        assertThat(early.body()).contains("ARRIVAL_MANIFEST_UNKNOWN", "/Manifest/Declaration/BorderTransportMeans/JourneyID");

        String original = Samples.sample("manifest", "valid", "mt1101-import-sea-laem-chabang-qinzhou.xml")
                .replace("<JourneyID>0342N</JourneyID>", "<JourneyID>777N</JourneyID>")
                .replace("<ID>IMO9321483</ID>", "<ID>IMO9302463</ID>")
                .replace("PABV-MT1101-20261120-0001", "ARRIVAL-MT1101-1")
                // own bills: declarations of the sample bill are checked against the manifest holding it
                .replace("PILQZH26110", "ARRQZH26110");
        assertThat(postXml(PORT_KEY, original).statusCode()).isEqualTo(202);

        HttpResponse<String> onTime = postXml(PORT_KEY, arrival.replace("WHLC-MT3101-20261121-0003", "ARRIVAL-MT3101-2"));
        assertThat(onTime.statusCode()).as(onTime.body()).isEqualTo(202);
    }

    private static String modification(String sample, String entryId, String applicationId) {
        return Samples.sample("declaration-modification", "valid", sample)
                .replace("720520261000123456", entryId)
                .replaceAll("<ApplicationId>[^<]+</ApplicationId>", "<ApplicationId>" + applicationId + "</ApplicationId>");
    }
}
