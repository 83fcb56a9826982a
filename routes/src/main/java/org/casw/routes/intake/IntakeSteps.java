package org.casw.routes.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.casw.routes.aeo.AeoLanes;
import org.casw.routes.aeo.AeoNotices;
import org.casw.routes.aeo.AeoRecognition;
import org.casw.routes.aeo.AeoRegistry;
import org.casw.routes.aeo.SupersededNotices;
import org.casw.routes.aggregate.AggregateDeclarations;
import org.casw.routes.dispatch.ReceiverVersions;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.Inspection;
import org.casw.routes.family.DeclaredSender;
import org.casw.routes.family.DocumentFamilies;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.ledger.NewMessage;
import org.casw.routes.ledger.ReceiverVersion;
import org.casw.routes.ledger.Recorded;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.Suspensions;
import org.casw.routes.registry.CertificateRegistration;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.rules.declaration.PreferentialClaimRules;
import org.casw.routes.signature.SignaturePolicies;
import org.casw.routes.signature.VerificationPolicy;
import org.casw.routes.signature.VerificationResult;
import org.casw.routes.signature.XmlSignatureVerifier;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.PartyFormats;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.cnmanifest.CnManifestReader;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.casw.schemas.aeo.AeoStatusNotice;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.origin.CertificateOfOrigin;

/** The steps of the intake route, each small and named after what it does to a submission. */
public class IntakeSteps {

    /** Declaration dates are China's, as the declaration rules read them. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MessageLedger ledger;
    private final PartnerDirectory partners;
    private final DocumentValidator validator;
    private final CertificateRegistry certificates;
    private final SignaturePolicies signatures;
    private final PartyFormats formats;
    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier();
    private final ReceiverVersions versions;
    private final AggregateDeclarations aggregates;
    private final AeoRegistry aeo;
    private final AeoLanes lanes;
    private final Suspensions suspensions;
    private final CertificateRegistration registration;
    private final SupersededNotices supersededNotices;
    private final Clock clock;

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
        this.clock = clock;
        this.suspensions = suspensions;
        this.aeo = aeo;
        this.lanes = new AeoLanes(aeo, recognition);
        this.formats = formats;
        this.aggregates = aggregates;
        this.ledger = ledger;
        this.partners = partners;
        this.validator = validator;
        this.certificates = certificates;
        this.signatures = signatures;
        this.registration = new CertificateRegistration(certificates);
        this.supersededNotices = new SupersededNotices(aeo);
        this.versions = new ReceiverVersions(formats, partners, signatures);
    }

    /**
     * Well-formed? Which root element? The sender's message id? Nothing is trusted yet. A payload in a
     * format the sender's agreement names (UN/EDIFACT, a partner window's exchange format) is first
     * translated to native XML; what cannot be translated is refused with the translator's findings.
     */
    IntakeStep inspect() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                Submission s = intake.submission;
                if (s.refusal() != null) {
                    intake.inspection = Inspection.malformed(s.refusal());
                } else if (s.refusedSize() > 0) {
                    intake.inspection = Inspection.malformed(Violation.of(ViolationCodes.PAYLOAD_TOO_LARGE, null, "The payload has "
                            + s.refusedSize() + " bytes, more than this channel accepts."));
                } else {
                    Optional<InboundTranslator> translator = formats.inboundFor(s.sender(), s.payload());
                    if (translator.isPresent()) {
                        Translation translation = translator.get().toNative(s.payload(), partners.find(s.sender()).orElse(null));
                        intake.translatedFrom = translator.get().format();
                        if (!translation.ok()) {
                            intake.inspection = new Inspection(null, Optional.ofNullable(translation.type()), null,
                                    translation.violations());
                            intake.messageId = null;
                            return;
                        }
                        intake.payload = translation.payload();
                    }
                    intake.inspection = validator.inspect(intake.payload);
                }
                intake.messageId = intake.inspection.messageId();
            }
        };
    }

    /** Persists the arrival before anything else is answered; a resend is answered with the first tracking id. */
    IntakeStep record() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                Submission s = intake.submission;
                Inspection inspection = intake.inspection;
                String type = inspection.type().map(Enum::name).orElse(null);
                Recorded recorded = ledger.recordArrival(new NewMessage(s.sender(), s.channel(), intake.messageId,
                        type, s.payload(), PayloadDigest.sha256Hex(s.payload()), s.replyTo()));
                intake.trackingId = recorded.trackingId();
                intake.type = inspection.type().orElse(null);
                switch (recorded.kind()) {
                    case NEW -> {
                        if (s.refusal() != null) {
                            reject(intake, IntakeResult.Outcome.MALFORMED, inspection.violations(),
                                    "refused unread by the " + s.channel() + " channel: " + s.refusal().code());
                        } else if (!inspection.wellFormed() && intake.translatedFrom != null) {
                            reject(intake, IntakeResult.Outcome.INVALID, inspection.violations(),
                                    "not acceptable " + intake.translatedFrom + ": " + inspection.violations().size() + " problem(s)");
                        } else if (!inspection.wellFormed()) {
                            reject(intake, IntakeResult.Outcome.MALFORMED, inspection.violations(), "payload is not acceptable XML");
                        } else if (intake.translatedFrom != null) {
                            ledger.translated(intake.trackingId, intake.payload, "translated from " + intake.translatedFrom + " to "
                                    + intake.type + " XML");
                        }
                    }
                    case DUPLICATE -> resumeOrAnswer(intake, recorded, exchange);
                    case CONFLICT -> intake.settle(IntakeResult.Outcome.CONFLICT, recorded.status(), List.of(Violation.of(
                            ViolationCodes.MESSAGE_ID_CONFLICT, null, "Message id " + intake.messageId
                                    + " was already used by this sender for a different payload (tracking id "
                                    + recorded.trackingId() + "); use a new message id for a new document.")));
                }
            }
        };
    }

    /**
     * A resend answers with the first tracking id. If the first attempt stopped half-way (the gateway
     * died before queueing), the resend finishes it: nothing accepted is left behind.
     */
    private void resumeOrAnswer(Intake intake, Recorded recorded, Exchange exchange) {
        switch (recorded.status()) {
            case RECEIVED -> {
                // continue through the remaining steps under the first tracking id
            }
            case VALIDATED, SIGNED, QUEUED -> {
                // the first attempt may have stopped before queueing: dispatching again is idempotent
                exchange.setProperty(DISPATCHES, ledger.dispatches(recorded.trackingId()));
                intake.lane = laneOf(recorded.trackingId());
                intake.settle(IntakeResult.Outcome.DUPLICATE, recorded.status(), List.of());
            }
            case SPLIT -> {
                // an aggregate: its consignments' declarations may not all have been queued
                exchange.setProperty(DISPATCHES, aggregates.pending(recorded.trackingId()));
                intake.settle(IntakeResult.Outcome.DUPLICATE, recorded.status(), List.of());
            }
            default -> {
                intake.lane = laneOf(recorded.trackingId());
                intake.settle(IntakeResult.Outcome.DUPLICATE, recorded.status(), List.of());
            }
        }
    }

    /** The lane a declaration was given when first received (its LANE business key), or null. */
    private String laneOf(String trackingId) {
        return ledger.find(trackingId).map(m -> m.businessKeys().getOrDefault(BusinessKeys.Kind.LANE.name(), List.of()))
                .filter(l -> !l.isEmpty()).map(l -> l.get(0)).orElse(null);
    }

    /** An aggregate declaration is not routed itself: one declaration per consignment travels instead. */
    IntakeStep splitAggregate() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                if (intake.type != DocumentType.AGGREGATE_DECLARATION || aggregates == null) {
                    return;
                }
                AggregateDeclarations.Split split = aggregates.split(intake.trackingId, intake.submission.sender(), intake.document,
                        intake.keys);
                if (!split.violations().isEmpty()) {
                    reject(intake, IntakeResult.Outcome.INVALID, split.violations(), "aggregate declaration not split");
                    return;
                }
                exchange.setProperty(DISPATCHES, split.dispatches());
                intake.settle(IntakeResult.Outcome.ACCEPTED, MessageStatus.SPLIT, List.of());
            }
        };
    }

    /** Knows the document by its root element and namespace, or refuses it: never guesses. */
    IntakeStep identify() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                if (intake.type == null) {
                    var root = intake.inspection.root();
                    reject(intake, IntakeResult.Outcome.INVALID, List.of(Violation.of(ViolationCodes.UNKNOWN_DOCUMENT_TYPE,
                            "/" + root.getLocalPart(), "No document type has root element '" + root.getLocalPart()
                                    + "' in namespace '" + root.getNamespaceURI() + "'. Supported: " + supported() + ".")),
                            "unknown document type");
                }
                // a known type was stored with the arrival: nothing to record
            }
        };
    }

    /**
     * May this party send this document at all? Only a party with an agreement, not suspended, and only the types its
     * agreement (or its role) allows. Decided before the document is verified or read, and recorded with the refusal.
     */
    IntakeStep authorize() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                String sender = intake.submission.sender();
                Optional<PartnerProfile> party = partners.find(sender);
                if (party.isEmpty()) {
                    forbid(intake, ViolationCodes.UNKNOWN_SENDER, null, sender + " has no partner agreement: only trade parties submit"
                            + " documents.");
                } else if (party.get().suspended() || suspensions.isSuspended(sender)) {
                    forbid(intake, ViolationCodes.PARTY_SUSPENDED, null, sender + " is suspended: it neither submits nor receives"
                            + " documents until an operator resumes it.");
                } else if (!party.get().maySend(intake.type)) {
                    forbid(intake, ViolationCodes.DOCUMENT_TYPE_NOT_ALLOWED, "/" + intake.type.root().getLocalPart(), sender + " ("
                            + party.get().role() + ") may not send " + intake.type + " documents; its agreement allows "
                            + new TreeSet<>(party.get().documentsSent()) + ".");
                }
            }
        };
    }

    private void forbid(Intake intake, String code, String path, String message) {
        reject(intake, IntakeResult.Outcome.FORBIDDEN, List.of(Violation.of(code, path, message)), "not allowed: " + code);
    }

    /**
     * The sender's signature, checked as its agreement demands: whole-document coverage, allowed
     * algorithms, trusted and valid certificate. A verified signer is noted in the history.
     */
    IntakeStep verifySignature() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                Optional<VerificationPolicy> policy = signatures.verificationFor(intake.submission.sender());
                if (policy.isEmpty()) {
                    return;
                }
                VerificationResult result = verifier.verify(intake.submission.payload(), policy.get());
                if (!result.valid()) {
                    reject(intake, IntakeResult.Outcome.INVALID, result.violations(), "signature refused");
                } else if (result.signed()) {
                    intake.signatureVerified = true;
                    // a translated document no longer carries the signature: the gateway signs what it forwards
                    intake.senderSigned = intake.translatedFrom == null;
                    ledger.note(intake.trackingId, "signature verified: " + result.profile().id() + ", signer " + result.signerSubject()
                            + ", certificate serial " + result.certificateSerialHex() + ", " + result.algorithm()
                            + (result.signerPinned() ? ", pinned signer" : ""));
                }
            }
        };
    }

    /**
     * Readies one receiver's message for {@code direct:enqueue}. Straight from the intake it was prepared and stored with
     * its routing ({@link #accept()}): only its delivery order is set here. A message read back from the ledger (recovery,
     * an operator's retry, an aggregate's consignments) is prepared now, only while VALIDATED, so a repeat (resend,
     * recovery) never signs twice.
     */
    Processor prepareForReceiver() {
        return exchange -> {
            Dispatch dispatch = exchange.getMessage().getBody(Dispatch.class);
            String retryDuplicateId = exchange.getProperty(DUPLICATE_ID, String.class); // an operator's retry brings its own
            requestEnqueue(exchange, dispatch.trackingId(), dispatch.receiver());
            if (retryDuplicateId != null) {
                exchange.setProperty(DUPLICATE_ID, retryDuplicateId);
            }
            Intake intake = Intake.of(exchange);
            if (dispatch.prepared() && intake != null && intake.keys != null) {
                // straight from the intake: its keys are in hand, reading them back would cost a query per receiver
                exchange.setProperty(GROUP_ID, consignment(intake.keys, dispatch.trackingId()));
                return;
            }
            MessageView message = ledger.find(dispatch.trackingId()).orElseThrow();
            exchange.setProperty(GROUP_ID, consignment(message.businessKeys(), dispatch.trackingId()));
            if (dispatch.prepared() || message.status() != MessageStatus.VALIDATED) {
                return;
            }
            byte[] document = ledger.nativePayload(dispatch.trackingId()).orElseThrow();
            ReceiverVersion version = versions.prepare(dispatch.receiver(), DocumentType.valueOf(message.documentType()), document,
                    () -> ledger.inboundPayload(dispatch.trackingId()).orElse(null), dispatch.senderSigned());
            ledger.prepared(dispatch.trackingId(), version);
            if (version.failure() != null) {
                exchange.setProperty(NOT_QUEUED, true);
            }
        };
    }

    /**
     * Writes each receiver's version in memory (its format, its signature), then stores the routing and every version in
     * one ledger write: VALIDATED, and SIGNED where signed. The read document (its JAXB model: ~20 MB for a manifest of
     * 10,000 containers) is let go first: later steps use what routing took from it, so it stays out of the peak heap
     * while the versions are written.
     */
    IntakeStep accept() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                intake.document = null;
                List<ReceiverVersion> prepared = new ArrayList<>(intake.receivers.size());
                for (String receiver : intake.receivers) {
                    prepared.add(versions.prepare(receiver, intake.type, intake.payload, intake.submission::payload, intake.senderSigned));
                }
                exchange.setProperty(DISPATCHES, ledger.accepted(intake.trackingId, intake.keys, intake.senderSigned, prepared));
            }
        };
    }

    /** Every XML Schema violation, with path, line and column; then every business-rule violation. */
    IntakeStep validate() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                // one parse: schema validation, and the document read as it goes
                DocumentValidator.Checked checked = validator.check(intake.type, intake.payload);
                List<Violation> violations = checked.violations();
                if (!violations.isEmpty()) {
                    reject(intake, IntakeResult.Outcome.INVALID, violations, violations.size() + " schema violation(s)");
                    return;
                }
                DocumentValidator.Read read = checked.read();
                intake.document = read.document();
                intake.keys = read.keys();
                List<Violation> broken = validator.ruleViolations(intake.type, intake.document);
                if (!broken.isEmpty()) {
                    reject(intake, IntakeResult.Outcome.INVALID, broken, broken.size() + " business rule violation(s)");
                }
            }
        };
    }

    /**
     * A party submits only as itself: the declarant a document names must be one of its codes; a document carrying an
     * authority's word (a certificate of origin, an AEO notice) comes from that country's customs or window. Its family
     * says whom it claims to speak for.
     */
    IntakeStep checkSender() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                Optional<DeclaredSender> declared = DocumentFamilies.of(intake.type).declaredSender(intake.type, intake.document,
                        intake.keys);
                if (declared.isEmpty()) {
                    return;
                }
                String sender = intake.submission.sender();
                Optional<PartnerProfile> party = partners.find(sender);
                if (declared.get() instanceof DeclaredSender.Party claimed) {
                    if (party.isEmpty() || !party.get().mayDeclareAs(claimed.code())) {
                        reject(intake, IntakeResult.Outcome.FORBIDDEN, List.of(Violation.of(ViolationCodes.SENDER_MISMATCH,
                                claimed.path(), "Party " + sender + " may not submit documents declared by " + claimed.code() + ".")),
                                "sender mismatch");
                    }
                    return;
                }
                DeclaredSender.Authority authority = (DeclaredSender.Authority) declared.get();
                Optional<String> country = party.map(PartnerProfile::country);
                if (country.filter(authority.country()::equals).isEmpty()) {
                    forbid(intake, authority.violation(), authority.path(), "Party " + sender + " acts for "
                            + country.orElse("no country") + " and may not " + authority.what() + ".");
                } else if (authority.signatureRequired() && !intake.signatureVerified && !intake.submission.sealedBy()) {
                    reject(intake, IntakeResult.Outcome.INVALID, List.of(Violation.of(ViolationCodes.CERTIFICATE_SIGNATURE_REQUIRED,
                            "/CertificateOfOrigin", "A certificate of origin must carry its issuer's signature (an enveloped XML"
                                    + " signature made with the certificate " + sender + "'s agreement trusts).")),
                            "certificate of origin unsigned");
                }
            }
        };
    }

    /**
     * A declaration's customs lane: FAST when one of its enterprises holds a recognised AEO status in force on
     * the declaration date. It becomes a business key (tracking), a routing fact ({@code lane}) and part of the answer.
     */
    IntakeStep assignLane() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                if (intake.type != DocumentType.DECLARATION) {
                    return;
                }
                Optional<PartnerProfile> declarant = partners.find(intake.submission.sender());
                AeoLanes.Decision decision = lanes.laneOf((DecMessage) intake.document, LocalDate.now(clock.withZone(CHINA)),
                        code -> declarant.map(p -> p.actsFor(code)).orElse(false));
                intake.lane = decision.lane().name();
                intake.keys.add(BusinessKeys.Kind.LANE, intake.lane);
                if (decision.concernsAeo()) {
                    // most declarations concern no AEO: their history keeps its usual steps, the LANE key says NORMAL
                    ledger.note(intake.trackingId, "lane " + intake.lane + ": " + decision.reason());
                }
            }
        };
    }

    /**
     * Only the newest notice counts per enterprise: one older than the notice held for any of its enterprises is refused
     * before it is routed. (Registration keeps the newest too, should two notices race past this check.)
     */
    IntakeStep checkNewestAeoNotice() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                if (intake.type != DocumentType.AEO_STATUS) {
                    return;
                }
                List<Violation> superseded = supersededNotices.check((AeoStatusNotice) intake.document);
                if (!superseded.isEmpty()) {
                    reject(intake, IntakeResult.Outcome.INVALID, superseded, "AEO notice superseded by a newer one");
                }
            }
        };
    }

    /** An accepted AEO status notice replaces the statuses held for its enterprises, unless a newer notice's are held. */
    IntakeStep registerAeoStatuses() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                if (intake.aeoStatuses != null) {
                    aeo.register(intake.trackingId, intake.aeoStatuses);
                }
            }
        };
    }

    /**
     * A declaration claiming preferential tariffs takes its quantities off the certificates' balances,
     * atomically; if another declaration took them first, this one is refused.
     */
    IntakeStep claimPreferences() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                if (intake.type != DocumentType.DECLARATION) {
                    return;
                }
                List<CertificateRegistry.Claim> claims = validator.preferentialClaims((DecMessage) intake.document);
                if (!claims.isEmpty() && !certificates.claim(intake.trackingId, claims)) {
                    reject(intake, IntakeResult.Outcome.INVALID, List.of(Violation.of(PreferentialClaimRules.CERTIFICATE_QUANTITY_EXCEEDED,
                            "/DecMessage/EcoRelation", "Another declaration claimed the certificates' remaining quantity first.")),
                            "certificate quantity taken concurrently");
                }
            }
        };
    }

    /**
     * A validated certificate of origin joins the registry that preferential claims are checked against, for the party
     * that sent it, before it is routed: a number registered already by another party, or with other content, is
     * refused; a back-to-back certificate draws on its original's balance. Refused later, it is withdrawn (see reject).
     */
    IntakeStep registerCertificate() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                if (intake.type != DocumentType.CERTIFICATE_OF_ORIGIN) {
                    return;
                }
                CertificateRegistration.Outcome outcome = registration.register(intake.trackingId, intake.submission.sender(),
                        (CertificateOfOrigin) intake.document);
                if (outcome.refused()) {
                    reject(intake, IntakeResult.Outcome.INVALID, outcome.violations(), "certificate of origin not registered");
                } else if (outcome.note() != null) {
                    ledger.note(intake.trackingId, outcome.note());
                }
            }
        };
    }

    /**
     * Picks the receivers: a receipt goes back to the original sender, anything else to every party whose
     * agreement receives it by type and content (never back to its own sender).
     */
    IntakeStep route() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                List<String> receivers;
                if (intake.type.isReceipt()) {
                    DocumentReader.ReceiptFacts receipt = validator.receiptFacts(intake.type, intake.document);
                    String refersTo = receipt.refersTo() != null ? receipt.refersTo()
                            // customs' own receipts name the declaration as customs knows it, not by tracking id
                            : ledger.deliveredWith(intake.submission.sender(),
                                    DocumentFamilies.of(intake.type).answeredBy(intake.type).name(), receipt.refersToKeys())
                                    .orElse(null);
                    Optional<MessageView> original = Optional.ofNullable(refersTo).flatMap(ledger::find)
                            .filter(m -> intake.submission.sender().equals(m.receiver()));
                    if (original.isEmpty()) {
                        String named = receipt.refersTo() != null ? receipt.refersTo() : receipt.refersToKeys().stream()
                                .map(k -> k.kind() + " " + k.value()).collect(java.util.stream.Collectors.joining(" or "));
                        reject(intake, IntakeResult.Outcome.INVALID, List.of(Violation.of(ViolationCodes.REFERENCE_NOT_FOUND,
                                receipt.refersToPath(), "No message " + named + " was delivered to "
                                        + intake.submission.sender() + ".")), "receipt refers to no message of its sender");
                        return;
                    }
                    intake.referencedTrackingId = refersTo;
                    intake.receiptFacts = receipt;
                    // the single window's import response is no customs status: an aggregate's answer waits for one
                    intake.importResponse = intake.document instanceof org.casw.schemas.declaration.DecImportResponse;
                    receivers = List.of(original.get().sender());
                    if (receipt.refersTo() == null && intake.type == DocumentType.MANIFEST_RECEIPT && intake.translatedFrom != null) {
                        // customs' response named the bill; the receipt passed on names the manifest, as the gateway's do
                        intake.payload = CnManifestReader.answering(intake.payload, refersTo, original.get().messageId());
                        ledger.translated(intake.trackingId, intake.payload, "answers manifest " + refersTo);
                    }
                } else {
                    RoutingFacts facts = RoutingFacts.read(intake.type, intake.document, certificates);
                    if (intake.lane != null) {
                        facts = facts.with("lane", intake.lane);
                    }
                    receivers = partners.receiversFor(intake.type, facts).stream()
                            .filter(r -> !r.equals(intake.submission.sender())).toList();
                    if (receivers.isEmpty()) {
                        reject(intake, IntakeResult.Outcome.INVALID, List.of(Violation.of(ViolationCodes.NO_ROUTE, null,
                                "No partner agreement receives " + intake.type + " documents" + (facts.asMap().isEmpty() ? ""
                                        : " with " + facts.asMap()) + ".")), "no route");
                        return;
                    }
                }
                intake.receiver = receivers.get(0);
                intake.receivers = receivers;
                if (intake.type == DocumentType.AEO_STATUS) {
                    intake.aeoStatuses = AeoNotices.statusesOf((AeoStatusNotice) intake.document);
                }
            }
        };
    }

    /** A receipt from the receiver moves the original message to ACKNOWLEDGED with the receiver's own code. */
    IntakeStep applyReceipt() {
        return new IntakeStep() {
            @Override
            void apply(Intake intake, Exchange exchange) {
                if (intake.referencedTrackingId == null) {
                    return;
                }
                DocumentReader.ReceiptFacts receipt = intake.receiptFacts;
                String note = receipt.note() == null || receipt.note().isBlank() ? "" : ": " + receipt.note();
                ledger.acknowledged(intake.referencedTrackingId, receipt.code(),
                        intake.submission.sender() + " " + receipt.code() + " " + receipt.meaning() + note, receipt.extraKeys());
                if (aggregates != null && intake.type == DocumentType.DECLARATION_RECEIPT && !intake.importResponse) {
                    // a consignment of an aggregate declaration: its submitter also gets the aggregated answer
                    List<Dispatch> dispatches = new ArrayList<>(exchange.getProperty(DISPATCHES, List.class));
                    dispatches.addAll(aggregates.receiptApplied(intake.referencedTrackingId));
                    exchange.setProperty(DISPATCHES, dispatches);
                }
                if (intake.type == DocumentType.DECLARATION_RECEIPT && receipt.refusal()) {
                    // customs refused the declaration: what it claimed on certificates of origin is free again
                    certificates.release(ledger.find(intake.referencedTrackingId)
                            .map(m -> m.copyOf() != null ? m.copyOf() : m.trackingId()).orElse(intake.referencedTrackingId));
                }
            }
        };
    }

    /** Starts an intake from the submission in the body. */
    Processor begin() {
        return exchange -> exchange.setProperty(Intake.PROPERTY, new Intake(exchange.getMessage().getBody(Submission.class)));
    }

    /** After the durable enqueue: QUEUED (only from VALIDATED, so a re-enqueue changes nothing). */
    Processor markQueued() {
        return exchange -> ledger.queued(exchange.getProperty(TRACKING_ID, String.class),
                exchange.getProperty(RECEIVER, String.class));
    }

    /** How an EDIFACT interchange is taken in message by message and its sender answered with a CONTRL. */
    InterchangeIntake interchanges() {
        return new InterchangeIntake(formats, partners, ledger);
    }

    /** The answer to the submitter: the settled outcome, or accepted and queued. */
    Processor answer() {
        return exchange -> {
            Intake intake = Intake.of(exchange);
            if (!intake.settled()) {
                intake.settle(IntakeResult.Outcome.ACCEPTED, MessageStatus.QUEUED, List.of());
            }
            exchange.getMessage().setBody(intake.result);
        };
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

    private void reject(Intake intake, IntakeResult.Outcome outcome, List<Violation> violations, String reason) {
        if (intake.type != null) {
            DocumentFamilies.of(intake.type).giveBack(intake.type, intake.trackingId, intake.document != null, certificates);
        }
        ledger.rejected(intake.trackingId, violations, reason);
        intake.settle(outcome, MessageStatus.REJECTED, violations);
    }

    private static String supported() {
        StringBuilder sb = new StringBuilder();
        for (DocumentType t : DocumentType.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append('{').append(t.root().getNamespaceURI()).append('}').append(t.root().getLocalPart());
        }
        return sb.toString();
    }

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
