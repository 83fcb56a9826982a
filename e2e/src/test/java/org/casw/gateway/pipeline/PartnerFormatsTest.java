package org.casw.gateway.pipeline;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each party speaks its own format, as its agreement says: the port files UN/EDIFACT, the railway gets
 * customs' answers as CUSRES, ASEAN windows exchange ACDD and ASW-ECO; the gateway carries one native
 * model in between and keeps what each party sent and got.
 */
class PartnerFormatsTest extends GatewayIntegrationTest {

    private static final String CUSTOMS_KEY = "sandbox-customs-key";
    private final XmlSigner signer = new XmlSigner();


    @Test
    void aCuscarFromThePortBecomesANativeManifestForCustoms() throws Exception {
        String id = "PORT-CUSCAR-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        sendOverJms("sw.in.port", edifact("cuscar-mt1101-laem-chabang-qinzhou.edi").replace("PABV-MT1101-20261120-0001", id));

        String answer = receiveOverJms("sw.reply.PORT-QINZHOU", id);
        assertThat(answer).contains("<Status>QUEUED</Status>", "<DocumentType>MANIFEST</DocumentType>");
        String trackingId = answer.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");
        JsonNode message = awaitDelivered(CUSTOMS_KEY, trackingId);
        assertThat(message.get("messageId").asText()).isEqualTo(id);
        assertThat(message.get("history").toString()).contains("translated from EDIFACT-D96B to MANIFEST XML");
        assertThat(payload(CUSTOMS_KEY, trackingId)).contains("<MessageType>MT1101</MessageType>", id, "CSQU3054383");
        assertThat(payload("demo-port-key", trackingId)).as("the sender gets back what it sent").startsWith("UNA:+.? '");

        // data entered once: a declaration of the bill is checked against the manifest's native reading, not its EDIFACT
        HttpResponse<String> declared = postXml(ENTERPRISE_KEY, Samples.declaration("CUSCAR-BILL-" + id));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(202);
    }

    @Test
    void aBrokenEdifactInterchangeIsRefusedSegmentBySegment() throws Exception {
        String broken = edifact("codeco-gate-out-qinzhou.edi").replace("EQD+CN+CSQU3054383", "EQD+CN+CSQU3054383CSQU3054383CSQU30");
        sendOverJms("sw.in.port", broken);

        String answer = receiveOverJms("sw.reply.PORT-QINZHOU", "EDIFACT_");
        assertThat(answer).contains("<Status>REJECTED</Status>", "EDIFACT_ELEMENT_TOO_LONG", "EQD");
    }

    @Test
    void aCodecoGateOutBecomesContainerEventsOnTheContainersTimeline() throws Exception {
        String batch = "QZPORT-GO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        sendOverJms("sw.in.port", edifact("codeco-gate-out-qinzhou.edi").replace("QZPORT-GO-20261120-0017", batch));

        String answer = receiveOverJms("sw.reply.PORT-QINZHOU", batch);
        assertThat(answer).as(answer).contains("<Status>QUEUED</Status>", "<DocumentType>CONTAINER_EVENT</DocumentType>");
        String trackingId = answer.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");
        awaitDelivered("demo-port-key", trackingId);
        assertThat(json(get("demo-port-key", "/api/v1/track?key=ZEPU0037255")).toString()).contains(trackingId);
    }

    @Test
    void anSmdgCodecoInD95bFromThePortIsReadInItsOwnDirectoryAsItsAgreementAllows() throws Exception {
        String batch = "QZPORT-GO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        sendOverJms("sw.in.port", edifact("codeco-d95b-gate-out-rail-qinzhou.edi").replace("QZPORT-GO-20261121-0018", batch));

        String answer = receiveOverJms("sw.reply.PORT-QINZHOU", batch);
        assertThat(answer).as(answer).contains("<Status>QUEUED</Status>", "<DocumentType>CONTAINER_EVENT</DocumentType>");
        String trackingId = answer.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");
        awaitDelivered("demo-port-key", trackingId);
        assertThat(payload("demo-port-key", trackingId)).as("the sender gets back what it sent").contains("CODECO:D:95B:UN'");
        assertThat(json(get("demo-port-key", "/api/v1/track?key=TGHU8730152")).toString()).contains(trackingId);
    }

    @Test
    void customsAnswersToTheRailwayArriveAsCusres() throws Exception {
        String manifest = Samples.sample("manifest", "valid", "mt1401-rail-import-vientiane-chongqing.xml");
        String messageId = manifest.replaceAll("(?s).*<MessageID>([^<]+)</MessageID>.*", "$1");
        String railId = "RAIL-MFT-" + UUID.randomUUID().toString().substring(0, 8);
        sendOverJms("sw.in.rail", manifest.replace(messageId, railId));
        String answer = receiveOverJms("sw.reply.RAIL-QINZHOU", railId);
        assertThat(answer).as(answer).contains("<Status>QUEUED</Status>");
        String trackingId = answer.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");
        awaitDelivered("demo-rail-key", trackingId);

        // the sandbox customs accepts the manifest (01); the railway gets that receipt as a CUSRES
        String cusres = receiveOverJms("sw.reply.RAIL-QINZHOU", "RFF+ACD:" + trackingId);
        assertThat(cusres).startsWith("UNA").contains("UNH+", "CUSRES:D:96B:UN", "GIS+01");
        // addressed as the railway's agreement says (no edifact: block, so its party id and the gateway's default id),
        // with a control reference from the database that UNZ repeats
        assertThat(cusres).containsPattern("UNB\\+UNOC:3\\+CASW-GATEWAY:ZZZ\\+RAIL-QINZHOU:ZZZ\\+[0-9]{6}:[0-9]{4}\\+[0-9]{1,14}'");
        String reference = cusres.replaceAll("(?s).*UNB\\+[^']*\\+([0-9]+)'.*", "$1");
        assertThat(cusres.strip()).endsWith("UNZ+1+" + reference + "'");
        assertThat(awaitStatus("demo-rail-key", trackingId, "ACKNOWLEDGED").get("destinationStatus").asText()).isEqualTo("01");
    }

    @Test
    void aThaiWindowsAswEcoCertificateJoinsTheRegistryAndReachesCustomsAsNativeXml() {
        String number = "E26-TH-A" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String eco = Samples.sample("asw-eco", "valid", "form-e-durian-th-cn.xml").replace("E26-TH-0001187", number);

        HttpResponse<String> accepted = postXml("demo-th-nsw-key", signed(eco, "TH-NSW"));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String trackingId = json(accepted).get("trackingId").asText();
        JsonNode message = awaitDelivered("demo-th-nsw-key", trackingId);
        assertThat(message.get("type").asText()).isEqualTo("CERTIFICATE_OF_ORIGIN");
        assertThat(message.get("receiver").asText()).isEqualTo("CN-CUSTOMS");
        assertThat(message.get("history").toString()).contains("signature verified", "translated from ASW-ECO")
                .as("the sender's signature was on the ASW-ECO, not on the native translation").contains("signed for CN-CUSTOMS");
        assertThat(payload(CUSTOMS_KEY, trackingId)).contains("urn:casw:origin:1", number);
        assertThat(json(get(CUSTOMS_KEY, "/api/v1/certificates")).isArray()).isTrue();
    }

    @Test
    void anExportDeclarationForSingaporeReachesItsWindowAsASignedAcddAndItsResponseComesBack() {
        String clientSeqNo = "EXP-SG-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String declaration = Samples.sample("declaration", "valid", "export-rail-two-containers.xml");
        String seq = declaration.replaceAll("(?s).*<ClientSeqNo>([^<]+)</ClientSeqNo>.*", "$1");

        HttpResponse<String> accepted = postXml(ENTERPRISE_KEY, declaration.replace(seq, clientSeqNo));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String trackingId = json(accepted).get("trackingId").asText();
        JsonNode copy = awaitDelivered("demo-sg-nsw-key", trackingId + "-2");
        assertThat(copy.get("receiver").asText()).isEqualTo("SG-NSW");
        assertThat(copy.get("history").toString()).contains("translated to WCO-ACDD for SG-NSW", "signed for SG-NSW");
        assertThat(payload("demo-sg-nsw-key", trackingId + "-2")).contains("urn:casw:asean:acdd:1", "SignatureValue", clientSeqNo);

        String response = Samples.sample("acdd", "valid", "customs-response-released.xml")
                .replace("SW20261109BBBBBBBBBBBB", trackingId + "-2").replace("QZDEMO-20261109-0007", clientSeqNo)
                .replace("SGCUS-RSP-20261113-000187", "SGCUS-" + clientSeqNo);
        HttpResponse<String> answered = postXml("demo-sg-nsw-key", signed(response, "SG-NSW"));

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(202);
        JsonNode acknowledged = awaitStatus(ENTERPRISE_KEY, trackingId + "-2", "ACKNOWLEDGED");
        assertThat(acknowledged.get("destinationStatus").asText()).isEqualTo("P");
    }

    @Test
    void aDeclarationTheReceiversFormatCannotCarryFailsForAnOperatorAndARetryPreparesItAgain() {
        String clientSeqNo = "EXP-SG-X" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String declaration = Samples.sample("declaration", "valid", "export-rail-two-containers.xml");
        String seq = declaration.replaceAll("(?s).*<ClientSeqNo>([^<]+)</ClientSeqNo>.*", "$1");
        String bill = declaration.replaceAll("(?s).*<BillNo>([^<]+)</BillNo>.*", "$1");
        // transport mode 9 (a movement between special customs zones) has no UN/ECE Rec 19 counterpart for the ACDD
        String untranslatable = declaration.replace(seq, clientSeqNo).replace("<BillNo>" + bill + "</BillNo>", "<BillNo>B" + clientSeqNo + "</BillNo>")
                .replaceFirst("<TrafMode>[^<]+</TrafMode>", "<TrafMode>9</TrafMode>");

        HttpResponse<String> accepted = postXml(ENTERPRISE_KEY, untranslatable);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String copy = json(accepted).get("trackingId").asText() + "-2";
        JsonNode failed = awaitStatus(ENTERPRISE_KEY, copy, "FAILED");
        assertThat(failed.get("history").toString()).contains("cannot be written as WCO-ACDD for SG-NSW", "CODE_NOT_MAPPABLE");

        HttpResponse<String> retry = client.postTo("demo-operator-key", "/api/v1/messages/" + copy + "/retry");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        JsonNode again = awaitStatus(ENTERPRISE_KEY, copy, "FAILED");
        List<String> reasons = new ArrayList<>();
        again.get("history").forEach(h -> reasons.add(h.get("reason").asText()));
        assertThat(reasons).as("prepared again, and never sent in native XML").filteredOn(r -> r.startsWith("cannot be written")).hasSize(2);
        assertThat(reasons).noneMatch(r -> r.startsWith("delivered to"));
    }

    private String payload(String key, String trackingId) {
        HttpResponse<String> response = get(key, "/api/v1/messages/" + trackingId + "/payload");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private String signed(String xml, String party) {
        IssuedIdentity issued = devPki.identity(party, KeyFamily.EC_P256);
        return new String(signer.sign(xml.getBytes(StandardCharsets.UTF_8), SigningProfile.XMLDSIG_ECDSA_SHA256,
                new SigningIdentity(issued.privateKey(), issued.chain()), SigningOptions.defaults()), StandardCharsets.UTF_8);
    }

    private static String edifact(String name) throws IOException {
        return Files.readString(Samples.path("edifact", name), StandardCharsets.ISO_8859_1);
    }
}
