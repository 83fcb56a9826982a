package org.casw.gateway.pipeline;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An interchange of several messages is taken in message by message: each is stored, tracked and refused on its own,
 * and the sender that asks for it (UNB 0031 = 1) gets a CONTRL on its own channel naming what was wrong where.
 */
class EdifactInterchangeTest extends GatewayIntegrationTest {

    private static final String PORT_KEY = "demo-port-key";
    private static final String EDIFACT = "application/EDIFACT";

    @Test
    void eachMessageOfAnInterchangeIsTrackedAndRefusedOnItsOwn() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String interchange = interchange(run, null, message("M1", "GO-A-" + run, "CSQU3054383"), message("M2", "GO-B-" + run,
                "ZEPU0037255"), message("M3", "GO-C-" + run, "CSQU3054384"));

        HttpResponse<String> answer = post(PORT_KEY, EDIFACT, interchange.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode messages = json(answer).get("messages");
        assertThat(messages).hasSize(3);
        assertThat(json(answer).get("messageId").asText()).isEqualTo("IC" + run);
        assertThat(messages.get(0).get("reference").asText()).isEqualTo("M1");
        assertThat(messages.get(0).get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(messages.get(0).get("messageId").asText()).isEqualTo("GO-A-" + run);
        assertThat(messages.get(1).get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(messages.get(0).get("trackingId").asText()).isNotEqualTo(messages.get(1).get("trackingId").asText());
        // the third container's check digit is wrong (ISO 6346): that message alone is refused, with its own tracking id
        assertThat(messages.get(2).get("outcome").asText()).isEqualTo("INVALID");
        assertThat(messages.get(2).get("violations").toString()).contains("CSQU3054384");
        awaitDelivered(PORT_KEY, messages.get(0).get("trackingId").asText());
        awaitDelivered(PORT_KEY, messages.get(1).get("trackingId").asText());
        assertThat(json(get(PORT_KEY, "/api/v1/messages/" + messages.get(2).get("trackingId").asText())).get("status").asText())
                .isEqualTo("REJECTED");

        // the same interchange again: every message is recognised, nothing is stored or delivered twice
        HttpResponse<String> again = post(PORT_KEY, EDIFACT, interchange.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("messages").get(0).get("trackingId").asText()).isEqualTo(messages.get(0).get("trackingId").asText());
        assertThat(json(again).get("messages").get(0).get("outcome").asText()).isEqualTo("DUPLICATE");
    }

    @Test
    void aSenderThatAsksForItGetsAControlReportOnItsChannel() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String interchange = interchange(run, "1", message("M1", "GO-D-" + run, "CSQU3054383"),
                message("M2", "GO-E-" + run, "ZEPU0037255").replace("EQD+CN+ZEPU0037255+45G1:102:5+2+3+5'",
                        "EQD+CN+ZEPU0037255+45G1:102:5+2+3+5+9'"));

        HttpResponse<String> answer = post(PORT_KEY, EDIFACT, interchange.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        // the port receives over JMS: the CONTRL comes to its reply address, naming the interchange and each message
        String contrl = receiveOverJms("sw.reply.PORT-QINZHOU", "UCI+IC" + run);
        // M1 acknowledged (7); M2 rejected (4): its 6th segment (EQD) has too many constituents (16) at element 7
        assertThat(contrl).startsWith("UNA").contains("UNB+UNOC:3+CASW-GATEWAY:ZZZ+PORT-QINZHOU:ZZZ+", "UNH+1+CONTRL:D:3:UN'",
                "UCI+IC" + run + "+91450700MA5KX41CXK:ZZZ+CASW-GATEWAY:ZZZ+7'", "UCM+M1+CODECO:D:96B:UN+7'",
                "UCM+M2+CODECO:D:96B:UN+4'\nUCS+6'\nUCD+16+7'");

        // the same interchange again earns the same verdict: the party holds that report already and gets no second one
        HttpResponse<String> again = post(PORT_KEY, EDIFACT, interchange.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode reports = json(get(PORT_KEY, "/api/v1/messages?type=INTERCHANGE_REPORT&size=200")).get("items");
        assertThat(reports.findValuesAsText("messageId")).filteredOn(id -> id.startsWith("CONTRL:PORT-QINZHOU:IC" + run + ":"))
                .hasSize(1);
    }

    @Test
    void anInterchangeWhoseEnvelopeDoesNotAddUpIsRefusedWhole() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String interchange = interchange(run, null, message("M1", "GO-F-" + run, "CSQU3054383"), message("M2", "GO-G-" + run,
                "ZEPU0037255")).replace("UNZ+2+", "UNZ+3+");

        HttpResponse<String> answer = post(PORT_KEY, EDIFACT, interchange.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("EDIFACT_CONTROL_COUNT", "UNZ");
    }

    /** One CODECO gate-out of one container, from the sample, as a message with its own reference and number. */
    private static String message(String reference, String documentNumber, String container) throws IOException {
        String sample = Files.readString(Samples.path("edifact", "codeco-gate-out-qinzhou.edi"), StandardCharsets.ISO_8859_1);
        String body = sample.substring(sample.indexOf("UNH+"), sample.indexOf("UNZ+"));
        // keep the first container only
        int second = body.indexOf("EQD+", body.indexOf("EQD+") + 1);
        body = body.substring(0, second) + body.substring(body.indexOf("CNT+"));
        long segments = body.lines().filter(l -> !l.isBlank()).count();
        return body.replace("QZGO0017", reference).replace("QZPORT-GO-20261120-0017", documentNumber)
                .replace("CSQU3054383", container).replace("CNT+16:2", "CNT+16:1")
                .replaceAll("UNT\\+\\d+\\+", "UNT+" + segments + "+");
    }

    private static String interchange(String run, String acknowledgementRequest, String... messages) {
        StringBuilder sb = new StringBuilder("UNA:+.? '\nUNB+UNOC:3+91450700MA5KX41CXK:ZZZ+CASW-GATEWAY:ZZZ+261120:1520+IC" + run
                + (acknowledgementRequest == null ? "" : "++++" + acknowledgementRequest) + "'\n");
        for (String message : messages) {
            sb.append(message);
        }
        return sb.append("UNZ+").append(messages.length).append("+IC").append(run).append("'\n").toString();
    }
}
