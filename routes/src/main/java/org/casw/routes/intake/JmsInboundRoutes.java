package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;

/**
 * Port and rail systems submit over JMS: each party's inbound address feeds the same intake as the
 * HTTP API, and the gateway receipt goes back on the party's reply address. The route is transacted:
 * a technical failure (database down) rolls the message back onto the queue instead of losing it.
 */
public class JmsInboundRoutes extends RouteBuilder {

    /** Where submissions the broker could not process after all retries wait for an operator. */
    public static final String DEAD_SUBMISSIONS = "sw.dlq.inbound";

    private final PartnerDirectory partners;
    private final GatewayReceipts receipts;
    private final long maxPayloadBytes;
    private final int consumers;

    public JmsInboundRoutes(PartnerDirectory partners, GatewayReceipts receipts, long maxPayloadBytes) {
        this(partners, receipts, maxPayloadBytes, 1);
    }

    /**
     * @param consumers submissions of one party taken at once: with one, a port's messages waited for each other's commits
     *                  and both cores idled; a sender that needs two taken in order gives them the same JMSXGroupID, and the
     *                  broker hands a group to one consumer at a time
     */
    public JmsInboundRoutes(PartnerDirectory partners, GatewayReceipts receipts, long maxPayloadBytes, int consumers) {
        this.partners = partners;
        this.receipts = receipts;
        this.maxPayloadBytes = maxPayloadBytes;
        this.consumers = consumers;
    }

    @Override
    public void configure() {
        for (PartnerProfile partner : partners.all()) {
            if (partner.inboundAddress() == null) {
                continue;
            }
            // A local transaction on a cached consumer (Camel's lazily created transaction manager would open a
            // consumer per message). The consumption commits once the intake has recorded the document and the
            // receipt is sent; a failure before that rolls it back and the broker redelivers: the intake answers the
            // redelivery under the first tracking id, and the enqueue's duplicate id keeps the delivery single.
            // mapJmsMessage=false: Camel hands over the JMS message unread (it would deserialize an ObjectMessage).
            // disableReplyTo=true: Camel would otherwise also answer to the sender's JMSReplyTo, on the gateway's
            // rights, so a party could have receipts put on another party's address; receipts go only to the
            // reply address of the party's agreement.
            from("jms:queue:" + partner.inboundAddress() + "?transacted=true&lazyCreateTransactionManager=false"
                    + "&cacheLevelName=CACHE_CONSUMER&mapJmsMessage=false&disableReplyTo=true&concurrentConsumers=" + consumers)
                    .routeId("inbound-" + partner.id())
                    .process(new JmsSubmissions(partner, maxPayloadBytes))
                    .to(IntakeRoute.INTAKE)
                    .process(receiptMessage())
                    .to("jms:queue:" + partner.replyAddress() + "?exchangePattern=InOnly");
        }
    }

    /** The gateway receipt as the reply message: correlated to the submission, carrying none of its headers. */
    private Processor receiptMessage() {
        return (Exchange exchange) -> {
            IntakeResult result = exchange.getMessage().getBody(IntakeResult.class);
            exchange.getMessage().setBody(receipts.write(result));
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader("JMSCorrelationID", exchange.getProperty(JmsSubmissions.CORRELATION));
            exchange.getMessage().setHeader("trackingId", result.trackingId());
            // a refusal before storing (over the party's limits) has an outcome but no status
            exchange.getMessage().setHeader("status", result.status() == null ? result.outcome().name() : result.status().name());
        };
    }
}
