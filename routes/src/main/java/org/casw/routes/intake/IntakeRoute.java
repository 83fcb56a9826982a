package org.casw.routes.intake;

import java.util.ArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.casw.routes.document.DocumentType;
import org.casw.routes.ledger.MessageEvents;

/**
 * The intake flow every document follows, whichever channel brought it, read top to bottom in {@link #configure()}:
 * admit (the party's rate and in-flight limits) -> inspect -> store the arrival (RECEIVED) -> identify -> authorize
 * (agreement, suspension, document types it may send) -> verify the sender's signature -> validate -> check whom it
 * claims to speak for -> its family's own steps (a declaration's claims on certificates of origin and its AEO lane, an
 * aggregate's split into consignments, a certificate's registration, an AEO notice's age) -> route to every receiver ->
 * accept: each receiver's version (its format, its signature) stored with the routing in one write -> what acceptance
 * sets off (a receipt's status on the message it answers, an AEO notice's statuses) -> for each receiver: queue durably
 * -> answer.
 * A refusal anywhere is a {@link DocumentRefused}: recorded REJECTED with every violation, and whatever the document had
 * registered (claims, a certificate) given back. A submission answered before it is taken in (over its limits, a resend,
 * a reused message id) is a {@link SubmissionAnswered}.
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
    /** Takes one document in, from admission to acceptance; refusals leave it as exceptions. */
    static final String TAKE_IN = "direct:intake-take-in";
    /** A declaration family's own steps, routing and acceptance: declarations, their receipts, modifications, aggregates. */
    static final String DECLARATIONS = "direct:intake-declarations";
    /** Manifests and their receipts. */
    static final String MANIFESTS = "direct:intake-manifests";
    /** Certificates of origin (registered) and utilization notices. */
    static final String CERTIFICATES_OF_ORIGIN = "direct:intake-certificates-of-origin";
    /** AEO status notices. */
    static final String AEO_NOTICES = "direct:intake-aeo-notices";
    /** A routed document's versions written for its receivers, then stored with its routing in one write. */
    static final String ACCEPT = "direct:intake-accept";

    private final IntakeSteps steps;
    private final SubmissionLimits limits;
    private final MessageEvents events;

    public IntakeRoute(IntakeSteps steps) {
        this(steps, SubmissionLimits.NONE);
    }

    public IntakeRoute(IntakeSteps steps, SubmissionLimits limits) {
        this(steps, limits, MessageEvents.NONE);
    }

    /** @param events told how each document's intake ended (the gateway's metrics) */
    public IntakeRoute(IntakeSteps steps, SubmissionLimits limits, MessageEvents events) {
        this.steps = steps;
        this.limits = limits;
        this.events = events;
    }

    @Override
    public void configure() {
        // an EDIFACT interchange of several messages is taken in message by message, each answered on its own
        InterchangeIntake interchanges = steps.interchanges;
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
                // refused: REJECTED with every violation, what the document registered given back, then answered
                .onException(DocumentRefused.class).continued(true)
                    .process(steps.refuse)
                .end()
                // answered before it was taken in: over its limits, a resend (finished below if its first attempt was not)
                .onException(SubmissionAnswered.class).continued(true)
                    .removeProperty(Exchange.EXCEPTION_CAUGHT)
                .end()
                .process(IntakeSteps::begin)
                .to(TAKE_IN)
                // one dispatch per receiver: the message itself, then a copy per further receiver
                .split(exchangeProperty(IntakeSteps.DISPATCHES)).stopOnException()
                    .to(DISPATCH)
                .end()
                .process(IntakeSteps::answer)
                // once per document, after its answer: what the metrics count (nothing at all when nobody listens)
                .process(events == MessageEvents.NONE ? exchange -> { } : new TellOutcome(events));

        // The flow's sub-routes have no error handler of their own: a refusal reaches intake-document's as thrown.
        from(TAKE_IN).routeId("intake-take-in").errorHandler(noErrorHandler())
                // over its limits, a party's submission is answered RATE_LIMITED here: nothing is read or stored
                .process(limits.gate())
                .process(steps.inspect)
                .process(steps.record)
                .process(steps.identify)
                .process(steps.authorize)
                .process(steps.verifySignature)
                .process(steps.validate)
                .process(steps.checkSender)
                .choice()
                    .when(family(DocumentType.Family.DECLARATIONS))
                        .to(DECLARATIONS)
                    .when(family(DocumentType.Family.MANIFESTS))
                        .to(MANIFESTS)
                    .when(family(DocumentType.Family.CERTIFICATES_OF_ORIGIN))
                        .to(CERTIFICATES_OF_ORIGIN)
                    .when(family(DocumentType.Family.AUTHORISED_OPERATORS))
                        .to(AEO_NOTICES)
                    .otherwise() // container events: routed by content, nothing of their own
                        .process(steps.routeByContent)
                        .to(ACCEPT)
                .end();

        from(DECLARATIONS).routeId("intake-declarations").errorHandler(noErrorHandler())
                .choice()
                    .when(type(DocumentType.DECLARATION))
                        .process(steps.claimPreferences)
                        .process(steps.assignLane)
                        .process(steps.routeByContent)
                        .to(ACCEPT)
                    .when(exchange -> steps.splitsAggregates && Intake.of(exchange).type == DocumentType.AGGREGATE_DECLARATION)
                        // not routed itself: answered SPLIT, one declaration per consignment travels instead
                        .process(steps.splitAggregate)
                    .when(type(DocumentType.DECLARATION_RECEIPT))
                        .process(steps.routeReceipt)
                        .to(ACCEPT)
                        .process(steps.applyReceipt)
                        .process(steps.answerAggregate)
                        .process(steps.releaseClaims)
                    .otherwise() // modifications, aggregate receipts
                        .process(steps.routeByContent)
                        .to(ACCEPT)
                .end();

        from(MANIFESTS).routeId("intake-manifests").errorHandler(noErrorHandler())
                .choice()
                    .when(type(DocumentType.MANIFEST_RECEIPT))
                        .process(steps.routeReceipt)
                        .to(ACCEPT)
                        .process(steps.applyReceipt)
                    .otherwise()
                        .process(steps.routeByContent)
                        .to(ACCEPT)
                .end();

        from(CERTIFICATES_OF_ORIGIN).routeId("intake-certificates-of-origin").errorHandler(noErrorHandler())
                .filter(type(DocumentType.CERTIFICATE_OF_ORIGIN))
                    .process(steps.registerCertificate)
                .end()
                .process(steps.routeByContent)
                .to(ACCEPT);

        from(AEO_NOTICES).routeId("intake-aeo-notices").errorHandler(noErrorHandler())
                .process(steps.checkNewestAeoNotice)
                .process(steps.routeByContent)
                .to(ACCEPT)
                .process(steps.registerAeoStatuses);

        // each receiver's version written in memory (translated, signed), then stored with the routing in one write
        from(ACCEPT).routeId("intake-accept").errorHandler(noErrorHandler())
                .process(steps.prepareVersions)
                .process(steps.accept);

        from(RESUME).routeId("resume")
                .setProperty(SubmissionLimits.RESUMED, constant(true))
                .to(DOCUMENT);

        from(DISPATCH).routeId("dispatch")
                .process(steps.prepareForReceiver)
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
                .process(steps::markQueued);
    }

    /** The document is of one of the family's types. */
    private static Predicate family(DocumentType.Family family) {
        return exchange -> Intake.of(exchange).type.family() == family;
    }

    private static Predicate type(DocumentType type) {
        return exchange -> Intake.of(exchange).type == type;
    }
}
