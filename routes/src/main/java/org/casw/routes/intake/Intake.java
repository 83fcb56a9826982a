package org.casw.routes.intake;

import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.casw.routes.aeo.AeoStatus;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.Inspection;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.ReceiverVersion;
import org.casw.routes.validation.Violation;

/** One submission's progress through the intake route, carried as an exchange property. */
public final class Intake {

    static final String PROPERTY = "swIntake";

    final Submission submission;
    /** The document as the gateway reads it: the submitted XML, or its translation from the sender's format. */
    byte[] payload;
    /** The format it was translated from, or null for native XML. */
    String translatedFrom;
    Inspection inspection;
    String trackingId;
    DocumentType type;
    String messageId;
    Object document;
    BusinessKeys keys;
    String receiver;
    /** Every receiver routing chose, the first being {@link #receiver}. */
    List<String> receivers;
    String referencedTrackingId;
    /** A receipt's facts, read while routing it (the document itself is let go before its versions are written). */
    DocumentReader.ReceiptFacts receiptFacts;
    /** A declaration receipt that is the single window's import response (no customs status). */
    boolean importResponse;
    /** An AEO notice's statuses, read while routing it, registered once it is stored as routed. */
    List<AeoStatus> aeoStatuses;
    /** Each receiver's version, written in memory and not yet stored. */
    List<ReceiverVersion> versions;
    IntakeResult result;
    boolean senderSigned;
    /** The submission carried a signature its sender's agreement verified (also when it was then translated). */
    boolean signatureVerified;
    /** A declaration's lane (FAST, NORMAL) once assigned, or read back from the ledger for a resend. */
    String lane;
    /** Set with a RATE_LIMITED answer: when the party may send again. */
    Duration retryAfter;

    Intake(Submission submission) {
        this.submission = submission;
        this.payload = submission.payload();
    }

    static Intake of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, Intake.class);
    }

    /** Records the answer: a refusal, an early answer (over the limits, a resend, a reused id), or the accepted outcome. */
    void settle(IntakeResult.Outcome outcome, MessageStatus status, List<Violation> violations) {
        result = new IntakeResult(outcome, trackingId, status, type == null ? null : type.name(), messageId, violations,
                status == MessageStatus.REJECTED ? null : lane, retryAfter);
    }
}
