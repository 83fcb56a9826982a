package org.casw.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Port and rail systems submit over JMS and get the unified gateway receipt on their reply address. */
class JmsSubmissionTest extends GatewayIntegrationTest {


    @Test
    void railSubmissionIsAnsweredOnItsReplyAddressAndCustomsReceiptsFollow() throws Exception {
        String declaration = Samples.declaration("RAIL-JMS-1")
                .replace("<AgentCodeScc>91450700MA5L3QR71R</AgentCodeScc>", "<AgentCodeScc>91450700MA5K8R2N25</AgentCodeScc>");
        sendOverJms("sw.in.rail", declaration);

        String receipt = receiveOverJms("sw.reply.RAIL-QINZHOU", "<MessageId>RAIL-JMS-1</MessageId>");
        assertThat(receipt).contains("<Status>QUEUED</Status>", "<MessageId>RAIL-JMS-1</MessageId>");
        String trackingId = receipt.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");

        JsonNode message = awaitStatus(RAIL_KEY, trackingId, "ACKNOWLEDGED");
        assertThat(message.get("sender").asText()).isEqualTo("RAIL-QINZHOU");
        // customs' own receipts are delivered to the rail system over its JMS channel: the import response answers its
        // ClientSeqNo with the unified number, which the later ones name
        String imported = receiveOverJms("sw.reply.RAIL-QINZHOU", "<ClientSeqNo>RAIL-JMS-1</ClientSeqNo>");
        String unified = imported.replaceAll("(?s).*<SeqNo>([^<]+)</SeqNo>.*", "$1");
        assertThat(receiveOverJms("sw.reply.RAIL-QINZHOU", "<CUS_CIQ_NO>" + unified + "</CUS_CIQ_NO>")).contains("<CHANNEL>L</CHANNEL>");
        assertThat(receiveOverJms("sw.reply.RAIL-QINZHOU", "<CUS_CIQ_NO>" + unified + "</CUS_CIQ_NO>")).contains("<CHANNEL>P</CHANNEL>");
    }

    @Autowired
    CamelContext camel;

    @Test
    void aSubmissionWhoseProcessingFailsIsRolledBackRedeliveredAndDeliveredOnce() throws Exception {
        // the first attempt fails after intake recorded and enqueued it, just before the receipt is sent
        AtomicInteger failures = new AtomicInteger();
        AdviceWith.adviceWith(camel, "inbound-RAIL-QINZHOU", route -> route.weaveByToUri("jms:queue:sw.reply.RAIL-QINZHOU*").before()
                .process(exchange -> {
                    if (exchange.getMessage().getBody(String.class).contains("<MessageId>RAIL-JMS-ROLLBACK-1</MessageId>")
                            && failures.getAndIncrement() == 0) {
                        throw new IllegalStateException("injected failure before the receipt");
                    }
                }));
        String declaration = Samples.declaration("RAIL-JMS-ROLLBACK-1")
                .replace("<AgentCodeScc>91450700MA5L3QR71R</AgentCodeScc>", "<AgentCodeScc>91450700MA5K8R2N25</AgentCodeScc>")
                .replace("<BillNo>", "<BillNo>RB");
        sendOverJms("sw.in.rail", declaration);

        // the broker redelivers the submission; the second attempt answers under the first tracking id
        String receipt = receiveOverJms("sw.reply.RAIL-QINZHOU", "<MessageId>RAIL-JMS-ROLLBACK-1</MessageId>");
        assertThat(failures.get()).isGreaterThanOrEqualTo(2);
        // the first attempt's enqueue may already have been delivered: the receipt tells where the document stands
        assertThat(receipt).containsPattern("<Status>(QUEUED|DELIVERED|ACKNOWLEDGED)</Status>");
        String trackingId = receipt.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");

        JsonNode message = awaitStatus(RAIL_KEY, trackingId, "ACKNOWLEDGED");
        List<String> statuses = new ArrayList<>();
        message.get("history").forEach(h -> statuses.add(h.get("status").asText()));
        assertThat(statuses).containsOnlyOnce("RECEIVED", "DELIVERED");
    }

    @Test
    void malformedSubmissionIsRejectedOnTheReplyAddressAndLeavesNothingOnTheQueue() throws Exception {
        jms.send("sw.in.port", session -> session.createTextMessage("<DecMessage><unclosed></DecMessage>"));

        String receipt = receiveOverJms("sw.reply.PORT-QINZHOU", "XML_MALFORMED");
        assertThat(receipt).contains("<Status>REJECTED</Status>", "<Code>XML_MALFORMED</Code>");
    }
}
