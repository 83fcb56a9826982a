package org.casw.routes.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.casw.routes.document.DocumentType;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.NewMessage;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.PartyFormats;
import org.casw.routes.transform.edifact.EdifactInterchanges;
import org.casw.routes.transform.edifact.EdifactTranslator;
import org.casw.routes.transform.edifact.InterchangeReports;
import org.casw.routes.transform.edifact.InterchangeSplit;
import org.casw.routes.transform.edifact.MessageOutcome;
import org.casw.routes.transform.edifact.MessagePart;

/**
 * A UN/EDIFACT interchange is taken in message by message. Each message of a sound envelope becomes a document of its
 * own: stored, tracked and refused on its own, as if it had come in an interchange by itself. The sender gets a CONTRL
 * syntax and service report when its UNB asks for one (0031 = 1) or its agreement says so: a document the gateway
 * issues to it, stored and delivered on its channel like any other.
 */
final class InterchangeIntake {

    /** The interchange as split, when the submission is one from a party that sends EDIFACT. */
    static final String SPLIT = "swInterchange";
    /** Its messages as submissions of their own, when there are several and the envelope is sound. */
    static final String MESSAGES = "swInterchangeMessages";
    /** The interchange's submission, kept while its messages go through the intake. */
    static final String SUBMISSION = "swInterchangeSubmission";
    /** The report's dispatch to the sender, when one is issued. */
    static final String REPORT_DISPATCHES = "swInterchangeReport";
    /** Who issues interchange reports in the ledger. */
    static final String GATEWAY = "GATEWAY";

    private final PartyFormats formats;
    private final PartnerDirectory partners;
    private final MessageLedger ledger;

    InterchangeIntake(PartyFormats formats, PartnerDirectory partners, MessageLedger ledger) {
        this.formats = formats;
        this.partners = partners;
        this.ledger = ledger;
    }

    /** Reads the envelope of an interchange from a party whose agreement says it sends EDIFACT; anything else goes through whole. */
    Processor open() {
        return exchange -> {
            Submission submission = exchange.getMessage().getBody(Submission.class);
            exchange.setProperty(SUBMISSION, submission);
            boolean sendsEdifact = submission.payload().length > 0 && formats.inboundFor(submission.sender(), submission.payload())
                    .filter(t -> t instanceof EdifactTranslator).isPresent();
            if (!sendsEdifact) {
                return;
            }
            Optional<InterchangeSplit> split = EdifactInterchanges.split(submission.payload());
            if (split.isEmpty()) {
                return;
            }
            exchange.setProperty(SPLIT, split.get());
            // a broken envelope makes every message doubtful: the interchange is refused as one document
            if (split.get().envelopeViolations().isEmpty() && split.get().messages().size() > 1) {
                exchange.setProperty(MESSAGES, split.get().messages().stream()
                        .map(m -> new Submission(submission.sender(), submission.channel(), m.payload(), submission.replyTo(), 0, null,
                                submission.sealedBy()))
                        .toList());
            }
        };
    }

    /** The interchange's answer from its messages' answers (the split leaves them in order in the body). */
    Processor combine() {
        return exchange -> {
            InterchangeSplit split = exchange.getProperty(SPLIT, InterchangeSplit.class);
            List<?> results = exchange.getMessage().getBody(List.class);
            List<IntakeResult.Message> messages = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                messages.add(new IntakeResult.Message(split.messages().get(i).messageReference(), (IntakeResult) results.get(i)));
            }
            exchange.getMessage().setBody(IntakeResult.ofInterchange(split.envelope().controlReference(), messages));
        };
    }

    /**
     * Issues the CONTRL report to the sender when asked for: stored first, then dispatched like any document. A resent
     * interchange that gets the same report gets none again (the same report is a duplicate in the ledger).
     */
    Processor report() {
        return exchange -> {
            InterchangeSplit split = exchange.getProperty(SPLIT, InterchangeSplit.class);
            IntakeResult result = exchange.getMessage().getBody(IntakeResult.class);
            Submission submission = exchange.getProperty(SUBMISSION, Submission.class);
            if (split == null || result == null || result.outcome() == IntakeResult.Outcome.RATE_LIMITED) {
                return; // nothing was stored: the sender sends the interchange again and is answered then
            }
            Optional<PartnerProfile> sender = partners.find(submission.sender());
            if (sender.isEmpty() || !sender.get().edifact().answersWithContrl(split.envelope().acknowledgementRequest())) {
                return;
            }
            List<MessageOutcome> outcomes = outcomes(split, result);
            byte[] report = InterchangeReports.compose(submission.payload(), outcomes);
            // one report per interchange and verdict: a resend that earns the same verdict is a duplicate, a changed one is new
            String reportId = "CONTRL:" + submission.sender() + ":" + split.envelope().controlReference() + ":"
                    + PayloadDigest.sha256Hex(verdict(outcomes).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
            Optional<Dispatch> dispatch = ledger.issued(new NewMessage(GATEWAY, GATEWAY, reportId,
                    DocumentType.INTERCHANGE_REPORT.name(), report, PayloadDigest.sha256Hex(report), null), submission.sender());
            if (dispatch.isEmpty()) {
                return;
            }
            // what the document's own dispatch left behind must not address the report (a duplicate id would drop it)
            exchange.removeProperty(IntakeSteps.DUPLICATE_ID);
            exchange.removeProperty(IntakeSteps.NOT_QUEUED);
            exchange.removeProperty(Intake.PROPERTY);
            exchange.setProperty(REPORT_DISPATCHES, List.of(dispatch.get()));
        };
    }

    /** What the report says, without its id and time: each message's reference, verdict, tracking id and violations. */
    private static String verdict(List<MessageOutcome> outcomes) {
        StringBuilder s = new StringBuilder();
        for (MessageOutcome o : outcomes) {
            s.append(o.messageReference()).append('|').append(o.accepted()).append('|').append(o.trackingId());
            o.violations().forEach(v -> s.append('|').append(v.code()).append('@').append(v.path()));
            s.append('\n');
        }
        return s.toString();
    }

    /** What the gateway decided for each message: its own answer, or the interchange's when it was taken in whole. */
    private static List<MessageOutcome> outcomes(InterchangeSplit split, IntakeResult result) {
        List<MessageOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < split.messages().size(); i++) {
            MessagePart part = split.messages().get(i);
            IntakeResult answer = result.messages().isEmpty() ? result : result.messages().get(i).result();
            boolean accepted = answer.outcome() == IntakeResult.Outcome.ACCEPTED || answer.outcome() == IntakeResult.Outcome.DUPLICATE;
            outcomes.add(new MessageOutcome(part.messageReference(), accepted ? answer.trackingId() : null, accepted,
                    answer.violations()));
        }
        return outcomes;
    }

    /** Whether the exchange carries an interchange to take in message by message. */
    static boolean severalMessages(Exchange exchange) {
        return exchange.getProperty(MESSAGES) != null;
    }
}
