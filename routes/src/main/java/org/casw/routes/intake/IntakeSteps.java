package org.casw.routes.intake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.casw.routes.aeo.AeoLanes;
import org.casw.routes.aeo.AeoRecognition;
import org.casw.routes.aeo.AeoRegistry;
import org.casw.routes.aeo.SupersededNotices;
import org.casw.routes.aggregate.AggregateDeclarations;
import org.casw.routes.dispatch.ReceiverVersions;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.Suspensions;
import org.casw.routes.registry.CertificateRegistration;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.signature.SignaturePolicies;
import org.casw.routes.transform.PartyFormats;
import org.casw.routes.validation.DocumentValidator;

/**
 * The stages of the intake route, each a small processor named after what it does to a submission, built once from the
 * gateway's ports (ledger, partners, registries) and shared by every exchange; and the exchange properties other routes
 * and the operator's retry use to address a dispatch.
 */
public class IntakeSteps {

    final Inspect inspect;
    final Record record;
    final Identify identify = new Identify();
    final Authorize authorize;
    final VerifySignature verifySignature;
    final Validate validate;
    final CheckSender checkSender;
    final ClaimPreferences claimPreferences;
    final AssignLane assignLane;
    final SplitAggregate splitAggregate;
    final RegisterCertificate registerCertificate;
    final CheckNewestAeoNotice checkNewestAeoNotice;
    final RegisterAeoStatuses registerAeoStatuses;
    final RouteByContent routeByContent;
    final RouteReceipt routeReceipt;
    final PrepareVersions prepareVersions;
    final Accept accept;
    final ApplyReceipt applyReceipt;
    final AnswerAggregate answerAggregate;
    final ReleaseClaims releaseClaims;
    final Refuse refuse;
    final PrepareForReceiver prepareForReceiver;
    final InterchangeIntake interchanges;
    /** Whether aggregate declarations are split here (null aggregates: they find no route). */
    final boolean splitsAggregates;
    private final MessageLedger ledger;

    public IntakeSteps(MessageLedger ledger, PartnerDirectory partners, DocumentValidator validator,
            CertificateRegistry certificates, SignaturePolicies signatures) {
        this(ledger, partners, validator, certificates, signatures, PartyFormats.NATIVE_ONLY, null);
    }

    /**
     * @param formats    the formats each party's agreement says it speaks
     * @param aggregates splits aggregate declarations and answers them; null: they find no route
     */
    public IntakeSteps(MessageLedger ledger, PartnerDirectory partners, DocumentValidator validator,
            CertificateRegistry certificates, SignaturePolicies signatures, PartyFormats formats, AggregateDeclarations aggregates) {
        this(ledger, partners, validator, certificates, signatures, formats, aggregates, AeoRegistry.NONE, AeoRecognition.NONE);
    }

    /**
     * @param aeo         the AEO statuses accepted notices reported
     * @param recognition the AEO programmes whose enterprises' declarations take the fast lane
     */
    public IntakeSteps(MessageLedger ledger, PartnerDirectory partners, DocumentValidator validator,
            CertificateRegistry certificates, SignaturePolicies signatures, PartyFormats formats, AggregateDeclarations aggregates,
            AeoRegistry aeo, AeoRecognition recognition) {
        this(ledger, partners, validator, certificates, signatures, formats, aggregates, aeo, recognition, Suspensions.NONE);
    }

    /** @param suspensions the parties an operator suspended: their submissions are refused */
    public IntakeSteps(MessageLedger ledger, PartnerDirectory partners, DocumentValidator validator,
            CertificateRegistry certificates, SignaturePolicies signatures, PartyFormats formats, AggregateDeclarations aggregates,
            AeoRegistry aeo, AeoRecognition recognition, Suspensions suspensions) {
        this(ledger, partners, validator, certificates, signatures, formats, aggregates, aeo, recognition, suspensions,
                Clock.systemUTC());
    }

    /** @param clock gives "today" for the AEO lane, as the business rules' clock does for a document's dates */
    public IntakeSteps(MessageLedger ledger, PartnerDirectory partners, DocumentValidator validator,
            CertificateRegistry certificates, SignaturePolicies signatures, PartyFormats formats, AggregateDeclarations aggregates,
            AeoRegistry aeo, AeoRecognition recognition, Suspensions suspensions, Clock clock) {
        this.ledger = ledger;
        ReceiverVersions versions = new ReceiverVersions(formats, partners, signatures);
        this.inspect = new Inspect(formats, partners, validator);
        this.record = new Record(ledger, aggregates);
        this.authorize = new Authorize(partners, suspensions);
        this.verifySignature = new VerifySignature(signatures, ledger);
        this.validate = new Validate(validator);
        this.checkSender = new CheckSender(partners);
        this.claimPreferences = new ClaimPreferences(validator, certificates);
        this.assignLane = new AssignLane(partners, new AeoLanes(aeo, recognition), ledger, clock);
        this.splitAggregate = new SplitAggregate(aggregates);
        this.splitsAggregates = aggregates != null;
        this.registerCertificate = new RegisterCertificate(new CertificateRegistration(certificates), ledger);
        this.checkNewestAeoNotice = new CheckNewestAeoNotice(new SupersededNotices(aeo));
        this.registerAeoStatuses = new RegisterAeoStatuses(aeo);
        this.routeByContent = new RouteByContent(partners, certificates);
        this.routeReceipt = new RouteReceipt(validator, ledger);
        this.prepareVersions = new PrepareVersions(versions);
        this.accept = new Accept(ledger);
        this.applyReceipt = new ApplyReceipt(ledger);
        this.answerAggregate = new AnswerAggregate(aggregates);
        this.releaseClaims = new ReleaseClaims(ledger, certificates);
        this.refuse = new Refuse(ledger, certificates);
        this.prepareForReceiver = new PrepareForReceiver(ledger, versions);
        this.interchanges = new InterchangeIntake(formats, partners, ledger);
    }

    /** Starts an intake from the submission in the body. */
    static void begin(Exchange exchange) {
        Submission submission = exchange.getMessage().getBody(Submission.class);
        exchange.setProperty(Intake.PROPERTY, new Intake(submission));
        // for the log lines of its work (camel-mdc copies it into the MDC when structured logs are on)
        exchange.setProperty(LOGGED_PARTY, submission.sender());
    }

    /** The answer to the submitter: the outcome settled on the way (refused, answered early, split), else accepted and queued. */
    static void answer(Exchange exchange) {
        Intake intake = Intake.of(exchange);
        if (intake.result == null) {
            intake.settle(IntakeResult.Outcome.ACCEPTED, MessageStatus.QUEUED, List.of());
        }
        exchange.getMessage().setBody(intake.result);
    }

    /** After the durable enqueue: QUEUED (only from VALIDATED, so a re-enqueue changes nothing). */
    void markQueued(Exchange exchange) {
        ledger.queued(exchange.getProperty(TRACKING_ID, String.class), exchange.getProperty(RECEIVER, String.class));
    }

    static void requestEnqueue(Exchange exchange, String trackingId, String receiver) {
        exchange.setProperty(TRACKING_ID, trackingId);
        exchange.setProperty(RECEIVER, receiver);
        exchange.setProperty(DUPLICATE_ID, trackingId);
        exchange.setProperty(GROUP_ID, trackingId);
    }

    /** The consignment of a document in hand: the same group as {@link #consignment(java.util.Map, String)} gives from the ledger. */
    static String consignment(BusinessKeys keys, String trackingId) {
        Map<String, List<String>> byKind = new HashMap<>();
        for (BusinessKeys.Key key : keys.all()) {
            byKind.computeIfAbsent(key.kind().name(), k -> new ArrayList<>()).add(key.value());
        }
        byKind.values().forEach(Collections::sort); // the ledger lists a kind's values in order
        return consignment(byKind, trackingId);
    }

    /** The consignment a document belongs to, for delivery order: its bill, else its customs entry id. */
    static String consignment(Map<String, List<String>> keys, String trackingId) {
        List<String> bills = keys.getOrDefault(BusinessKeys.Kind.BILL_NO.name(), List.of());
        List<String> entries = keys.getOrDefault(BusinessKeys.Kind.ENTRY_ID.name(), List.of());
        return !bills.isEmpty() ? "bill:" + bills.get(0) : !entries.isEmpty() ? "entry:" + entries.get(0) : trackingId;
    }

    /**
     * Exchange properties the log lines of a message's work carry: camel-mdc puts them in the MDC (as {@code trackingId}
     * and {@code party}) when the gateway logs structured JSON; otherwise nothing reads them.
     */
    public static final String LOGGED_TRACKING_ID = "trackingId";
    public static final String LOGGED_PARTY = "party";

    /** Exchange properties naming what {@code direct:enqueue} puts on which delivery queue. */
    public static final String RECEIVER = "swReceiver";
    public static final String TRACKING_ID = "swTrackingId";
    /** The broker's duplicate id: the tracking id, so re-queueing is idempotent; a deliberate retry uses a fresh one. */
    public static final String DUPLICATE_ID = "swDuplicateId";
    /** The JMS message group: documents of one consignment are delivered in order. */
    public static final String GROUP_ID = "swGroupId";
    /** Set when preparing a dispatch failed it (e.g. untranslatable): it is not queued. */
    public static final String NOT_QUEUED = "swNotQueued";
    /** The receivers' dispatches the intake route prepares and queues, one by one. */
    public static final String DISPATCHES = "swDispatches";
}
