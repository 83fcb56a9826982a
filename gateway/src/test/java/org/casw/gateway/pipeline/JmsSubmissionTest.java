package org.casw.gateway.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Port and rail systems submit over JMS and get the unified gateway receipt on their reply address. */
class JmsSubmissionTest extends GatewayIntegrationTest {


    @Test
    void railSubmissionIsAnsweredOnItsReplyAddressAndCustomsReceiptsFollow() throws Exception {
        String declaration = GatewayTestSupport.declaration("RAIL-JMS-1")
                .replace("<AgentCodeScc>91450700MA5L3QR71R</AgentCodeScc>", "<AgentCodeScc>91450700MA5K8R2N25</AgentCodeScc>");
        sendOverJms("sw.in.rail", declaration);

        String receipt = receiveOverJms("sw.reply.RAIL-QINZHOU", "<MessageId>RAIL-JMS-1</MessageId>");
        assertThat(receipt).contains("<Status>QUEUED</Status>", "<MessageId>RAIL-JMS-1</MessageId>");
        String trackingId = receipt.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");

        JsonNode message = awaitStatus(RAIL_KEY, trackingId, "ACKNOWLEDGED");
        assertThat(message.get("sender").asText()).isEqualTo("RAIL-QINZHOU");
        // the customs receipts themselves are delivered to the rail system over its JMS channel
        assertThat(receiveOverJms("sw.reply.RAIL-QINZHOU", trackingId)).contains("<Channel>L</Channel>");
        assertThat(receiveOverJms("sw.reply.RAIL-QINZHOU", trackingId)).contains("<Channel>P</Channel>");
    }

    @Test
    void malformedSubmissionIsRejectedOnTheReplyAddressAndLeavesNothingOnTheQueue() throws Exception {
        jms.send("sw.in.port", session -> session.createTextMessage("<DecMessage><unclosed></DecMessage>"));

        String receipt = receiveOverJms("sw.reply.PORT-QINZHOU", "XML_MALFORMED");
        assertThat(receipt).contains("<Status>REJECTED</Status>", "<Code>XML_MALFORMED</Code>");
    }
}
