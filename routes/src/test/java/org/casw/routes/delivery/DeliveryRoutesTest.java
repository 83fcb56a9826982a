package org.casw.routes.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentType;
import org.casw.routes.ledger.InMemoryMessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.NewMessage;
import org.casw.routes.ledger.ReceiverVersion;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyRole;
import org.casw.routes.routing.RoutingFacts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The delivery route on its own: the durable queue replaced by a direct endpoint, the channel by a recording fake, the
 * ledger in memory. A queued message is delivered once and recorded; a redelivery of a delivered one is not sent again;
 * a refused delivery is recorded and rethrown so that the broker retries it.
 */
class DeliveryRoutesTest extends CamelTestSupport {

    private static final String CUSTOMS = "CN-CUSTOMS";

    private final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    private final List<Outbound> sent = new ArrayList<>();
    private boolean refuse;

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        PartnerChannel channel = new PartnerChannel() {
            @Override
            public DeliveryChannel kind() {
                return DeliveryChannel.HTTP;
            }

            @Override
            public String deliver(PartnerProfile partner, Outbound outbound) throws DeliveryRefusedException {
                if (refuse) {
                    throw new DeliveryRefusedException(partner.id() + " answered HTTP 503");
                }
                sent.add(outbound);
                return "HTTP 200 from the fake";
            }
        };
        return new DeliveryRoutes(directory(), new DeliverySteps(ledger, directory(), List.of(channel), null), 1, Set.of());
    }

    @Test
    void aQueuedMessageIsDeliveredOnceAndARedeliveryIsNotSentAgain() throws Exception {
        startWithQueueReplaced();
        String trackingId = signedAndQueued("DEC-1");
        MockEndpoint delivered = getMockEndpoint("mock:delivered");
        delivered.expectedMessageCount(2);

        template.sendBody("direct:queue-" + CUSTOMS, trackingId);
        template.sendBody("direct:queue-" + CUSTOMS, trackingId); // the broker redelivers after a crash before its ack

        delivered.assertIsSatisfied();
        assertThat(sent).singleElement().satisfies(o -> {
            assertThat(o.trackingId()).isEqualTo(trackingId);
            assertThat(new String(o.payload(), StandardCharsets.UTF_8)).isEqualTo("<signed/>");
        });
        assertThat(ledger.statuses(trackingId)).containsExactly(MessageStatus.RECEIVED, MessageStatus.VALIDATED, MessageStatus.SIGNED,
                MessageStatus.QUEUED, MessageStatus.DELIVERED);
    }

    @Test
    void aRefusedDeliveryIsRecordedAndRethrownForTheBrokerToRetry() throws Exception {
        startWithQueueReplaced();
        String trackingId = signedAndQueued("DEC-2");
        refuse = true;

        assertThatThrownBy(() -> template.sendBodyAndHeader("direct:queue-" + CUSTOMS, trackingId, "JMSXDeliveryCount", 3))
                .isInstanceOf(CamelExecutionException.class).hasRootCauseInstanceOf(DeliveryRefusedException.class);

        assertThat(ledger.find(trackingId).orElseThrow().status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(ledger.find(trackingId).orElseThrow().history()).last()
                .satisfies(t -> assertThat(t.reason()).isEqualTo("delivery attempt 3 failed: DeliveryRefusedException: CN-CUSTOMS answered HTTP 503"));
        assertThat(sent).isEmpty();
    }

    private void startWithQueueReplaced() throws Exception {
        AdviceWith.adviceWith(context, DeliveryRoutes.routeId(CUSTOMS), route -> {
            route.replaceFromWith("direct:queue-" + CUSTOMS);
            route.weaveAddLast().to("mock:delivered");
        });
        AdviceWith.adviceWith(context, "dead-letters", route -> route.replaceFromWith("direct:dead-letters"));
        context.start();
    }

    private String signedAndQueued(String messageId) {
        byte[] payload = "<DecMessage/>".getBytes(StandardCharsets.UTF_8);
        String trackingId = ledger.recordArrival(new NewMessage("DEMO-ENTERPRISE", "HTTP", messageId, DocumentType.DECLARATION.name(),
                payload, "digest-" + messageId, null)).trackingId();
        ledger.accepted(trackingId, new BusinessKeys(), false, List.of(new ReceiverVersion(CUSTOMS, null,
                "<signed/>".getBytes(StandardCharsets.UTF_8), List.of(), "signed for " + CUSTOMS, null)));
        ledger.queued(trackingId, CUSTOMS);
        return trackingId;
    }

    private static PartnerDirectory directory() {
        PartnerProfile customs = new PartnerProfile(CUSTOMS, "China customs", PartyRole.CUSTOMS, List.of("CN"), DeliveryChannel.HTTP,
                "http://127.0.0.1:1/customs", null, null, false, "CN", List.of(), Map.of(), null, null);
        return new PartnerDirectory() {
            @Override
            public Optional<PartnerProfile> find(String partyId) {
                return Optional.of(customs).filter(p -> p.id().equals(partyId));
            }

            @Override
            public Collection<PartnerProfile> all() {
                return List.of(customs);
            }

            @Override
            public List<String> receiversFor(DocumentType type, RoutingFacts facts) {
                return List.of(CUSTOMS);
            }
        };
    }
}
