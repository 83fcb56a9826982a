package org.casw.routes.intake;

import java.util.ArrayList;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;

/**
 * The intake flow every document follows, whichever channel brought it:
 * admit (the party's rate and in-flight limits) -> inspect -> persist (RECEIVED) -> identify
 * -> authorize (agreement, suspension, document types it may send)
 * -> verify the sender's signature -> validate -> check the sender (declarant, issuing authority)
 * -> claim certificate quantities -> register a certificate of origin (refusing a number registered already; a
 * back-to-back certificate draws on its original) -> refuse an AEO notice older than the one held -> assign a
 * declaration's lane (AEO) -> split an aggregate declaration -> route to every receiver -> write each receiver's version
 * (its format, its signature) and store it with the routing in one write -> register AEO statuses -> apply a receipt
 * -> for each receiver: queue durably.
 * Whatever a refusal after registration finds registered for the message (claims, a certificate) is given back.
 */
public class IntakeRoute extends RouteBuilder {

    /** Endpoint the channels (HTTP API, JMS inbound) hand submissions to; answers an {@link IntakeResult}. */
    public static final String INTAKE = "direct:intake";
    /** One document's intake: a submission, or one message of an interchange. */
    static final String DOCUMENT = "direct:intake-document";
    /** An EDIFACT interchange of several messages: each message through {@link #DOCUMENT}, then one answer for all. */
    static final String INTERCHANGE = "direct:intake-interchange";
    /** Prepares one receiver's message (body: a Dispatch) and queues it; also used by recovery. */
    public static final String DISPATCH = "direct:dispatch";
    /** Puts a prepared message on its receiver's durable delivery queue; also used by operator retries. */
    public static final String ENQUEUE = "direct:enqueue";
    /** Runs a message the gateway stored but did not finish (recovery) through intake again, outside the party's limits. */
    public static final String RESUME = "direct:resume";

    private final IntakeSteps steps;
    private final SubmissionLimits limits;

    public IntakeRoute(IntakeSteps steps) {
        this(steps, SubmissionLimits.NONE);
    }

    public IntakeRoute(IntakeSteps steps, SubmissionLimits limits) {
        this.steps = steps;
        this.limits = limits;
    }

    @Override
    public void configure() {
        // an EDIFACT interchange of several messages is taken in message by message, each answered on its own
        InterchangeIntake interchanges = steps.interchanges();
        from(INTAKE).routeId("intake")
                .process(interchanges.open())
                .choice()
                    .when(InterchangeIntake::severalMessages)
                        .to(INTERCHANGE)
                    .otherwise()
                        .to(DOCUMENT)
                .end()
                // the sender's CONTRL, when its UNB or agreement asks for one: stored, then dispatched like any document
                .process(interchanges.report())
                .split(exchangeProperty(InterchangeIntake.REPORT_DISPATCHES))
                    .to(DISPATCH)
                .end();

        from(INTERCHANGE).routeId("intake-interchange")
                .split(exchangeProperty(InterchangeIntake.MESSAGES),
                        AggregationStrategies.flexible(IntakeResult.class).accumulateInCollection(ArrayList.class))
                        .stopOnException() // a message not stored (the database is down): the sender resends the interchange
                    .to(DOCUMENT)
                .end()
                .process(interchanges.combine());

        from(DOCUMENT).routeId("intake-document")
                .process(steps.begin())
                // over its limits, a party's submission is answered RATE_LIMITED here: nothing is read or stored
                .process(limits.gate())
                .process(steps.inspect())
                .process(steps.record())
                .process(steps.identify())
                .process(steps.authorize())
                .process(steps.verifySignature())
                .process(steps.validate())
                .process(steps.checkSender())
                .process(steps.claimPreferences())
                .process(steps.registerCertificate())
                .process(steps.checkNewestAeoNotice())
                .process(steps.assignLane())
                .process(steps.splitAggregate())
                .process(steps.route())
                // each receiver's version (its format, its signature) written in memory, stored with the routing at once
                .process(steps.accept())
                .process(steps.registerAeoStatuses())
                .process(steps.applyReceipt())
                // one dispatch per receiver: the message itself, then a copy per further receiver
                .split(exchangeProperty(IntakeSteps.DISPATCHES)).stopOnException()
                    .to(DISPATCH)
                .end()
                .process(steps.answer());

        from(RESUME).routeId("resume")
                .setProperty(SubmissionLimits.RESUMED, constant(true))
                .to(DOCUMENT);

        from(DISPATCH).routeId("dispatch")
                .process(steps.prepareForReceiver())
                .filter(exchangeProperty(IntakeSteps.NOT_QUEUED).isNull())
                    .to(ENQUEUE)
                .end();

        // The queue holds only the tracking id (claim check): payloads stay in the database, so large
        // documents do not bloat the broker journal. The duplicate id lets the broker drop re-enqueues.
        from(ENQUEUE).routeId("enqueue")
                .setBody(exchangeProperty(IntakeSteps.TRACKING_ID))
                .removeHeaders("*")
                .setHeader("trackingId", exchangeProperty(IntakeSteps.TRACKING_ID))
                .setHeader("_AMQ_DUPL_ID", exchangeProperty(IntakeSteps.DUPLICATE_ID))
                // one group per consignment (bill, else entry id, else the message): its documents reach the
                // receiver in order, and a copy that slipped past duplicate detection is seen by one consumer in turn
                .setHeader("JMSXGroupID", exchangeProperty(IntakeSteps.GROUP_ID))
                .toD("jms:queue:sw.out.${exchangeProperty." + IntakeSteps.RECEIVER + "}?exchangePattern=InOnly")
                .process(steps.markQueued());
    }
}
