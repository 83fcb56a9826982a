package org.casw.gateway.as4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.intake.IntakeResult;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Node;
import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.ebms3header.Ebms3PartyId;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.ebms3header.Ebms3UserMessage;
import com.helger.phase4.error.AS4Error;
import com.helger.phase4.error.AS4ErrorList;
import com.helger.phase4.incoming.IAS4IncomingMessageMetadata;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.incoming.spi.AS4MessageProcessorResult;
import com.helger.phase4.incoming.spi.AS4SignalMessageProcessorResult;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
import com.helger.phase4.model.error.EEbmsError;
import com.helger.phase4.model.pmode.IPMode;

/**
 * Takes in the AS4 user messages phase4 has parsed, decrypted and whose signature it has checked: the
 * sender is the partner whose agreement names the From party id, and the message must be signed with that
 * agreement's certificate and encrypted where the agreement says so (phase4 itself accepts unsigned and
 * unencrypted messages). The payload goes into the same intake as the HTTP API. A message id answered
 * before is answered with the receipt given then, without taking the document in again.
 */
public class As4Inbox {

    private static final Logger log = LoggerFactory.getLogger(As4Inbox.class);

    private final ConfiguredPartners partners;
    private final ProducerTemplate intake;
    private final As4Ledger ledger;
    private final long maxPayloadBytes;

    public As4Inbox(ConfiguredPartners partners, ProducerTemplate intake, As4Ledger ledger, long maxPayloadBytes) {
        this.partners = partners;
        this.intake = intake;
        this.ledger = ledger;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** What processing one request decided, for the endpoint to answer with. */
    public static final class Outcome {
        String messageId;
        String partner;
        String trackingId;
        As4Ledger.ReceivedMessage original;

        /** The receipt answered the first time, when this message is a resend of one already answered. */
        public Optional<As4Ledger.ReceivedMessage> original() {
            return Optional.ofNullable(original);
        }
    }

    /** The phase4 processor for one request. */
    public IAS4IncomingMessageProcessorSPI processor(Outcome outcome) {
        return new IAS4IncomingMessageProcessorSPI() {
            @Override
            public AS4MessageProcessorResult processAS4UserMessage(IAS4IncomingMessageMetadata metadata, HttpHeaderMap headers,
                    Ebms3UserMessage message, IPMode pmode, Node payload, ICommonsList<WSS4JAttachment> attachments,
                    IAS4IncomingMessageState state, AS4ErrorList errors) {
                return take(message, attachments, state, errors, outcome);
            }

            @Override
            public AS4SignalMessageProcessorResult processAS4SignalMessage(IAS4IncomingMessageMetadata metadata, HttpHeaderMap headers,
                    Ebms3SignalMessage signal, IPMode pmode, IAS4IncomingMessageState state, AS4ErrorList errors) {
                // one-way push: receipts come back on the response of our own request, never as a request here
                errors.add(error(EEbmsError.EBMS_FEATURE_NOT_SUPPORTED, signal.getMessageInfo().getMessageId(),
                        "this endpoint takes user messages only (one-way push)"));
                return AS4SignalMessageProcessorResult.createFailure();
            }

            @Override
            public void processAS4ResponseMessage(IAS4IncomingMessageMetadata metadata, IAS4IncomingMessageState state, String messageId,
                    byte[] response, boolean responsePayloadIsAvailable, AS4ErrorList errors) {
                // nothing to do: the response is the receipt, kept by the endpoint
            }
        };
    }

    private AS4MessageProcessorResult take(Ebms3UserMessage message, ICommonsList<WSS4JAttachment> attachments,
            IAS4IncomingMessageState state, AS4ErrorList errors, Outcome outcome) {
        String messageId = message.getMessageInfo().getMessageId();
        outcome.messageId = messageId;
        Ebms3PartyId from = single(message.getPartyInfo().getFrom().getPartyId());
        Ebms3PartyId to = single(message.getPartyInfo().getTo().getPartyId());
        Optional<As4Agreement> found = from == null || to == null ? Optional.empty() : partners.as4Agreements().stream()
                .filter(a -> a.partyId().equals(from.getValue()) && a.partyIdType().equals(typeOf(from))
                        && a.ourPartyId().equals(to.getValue()) && a.ourPartyIdType().equals(typeOf(to)))
                .findFirst();
        if (found.isEmpty()) {
            return refuse(errors, EEbmsError.EBMS_PROCESSING_MODE_MISMATCH, messageId, "no agreement with party "
                    + (from == null ? "?" : typeOf(from) + ":" + from.getValue()) + " sending to "
                    + (to == null ? "?" : typeOf(to) + ":" + to.getValue()));
        }
        As4Agreement agreement = found.get();
        // phase4 checks a signature that is there; whether one must be there is the agreement's business
        if (state.isSoapSignatureChecked() && !agreement.certificate().equals(state.getSigningCertificate())) {
            return refuse(errors, EEbmsError.EBMS_FAILED_AUTHENTICATION, messageId, "signed with "
                    + (state.getSigningCertificate() == null
                            ? "an unknown certificate" : state.getSigningCertificate().getSubjectX500Principal())
                    + ", not the certificate of the agreement with " + agreement.partner());
        }
        if (agreement.mustSign() && !state.isSoapSignatureChecked()) {
            return refuse(errors, EEbmsError.EBMS_POLICY_NONCOMPLIANCE, messageId, "unsigned; the agreement with " + agreement.partner()
                    + " requires a signature");
        }
        if (agreement.mustEncrypt() && !state.isSoapDecrypted()) {
            return refuse(errors, EEbmsError.EBMS_POLICY_NONCOMPLIANCE, messageId,
                    "not encrypted; the agreement with " + agreement.partner() + " requires encryption");
        }
        outcome.partner = agreement.partner();
        Optional<As4Ledger.ReceivedMessage> before = ledger.received(messageId)
                .filter(m -> m.receipt() != null && agreement.partner().equals(m.partner()));
        if (before.isPresent()) {
            log.info("AS4 message {} from {} was received before (tracking id {}); answering with its original receipt",
                    messageId, agreement.partner(), before.get().trackingId());
            outcome.original = before.get();
            return AS4MessageProcessorResult.createSuccess();
        }
        if (attachments == null || attachments.size() != 1) {
            return refuse(errors, EEbmsError.EBMS_VALUE_INCONSISTENT, messageId, "expected exactly one payload, found "
                    + (attachments == null ? 0 : attachments.size()));
        }
        As4Payload payload;
        try (InputStream in = attachments.get(0).getSourceStream()) {
            payload = As4Payload.read(in, maxPayloadBytes);
        } catch (IOException | UncheckedIOException e) {
            return refuse(errors, EEbmsError.EBMS_DECOMPRESSION_FAILURE, messageId, "payload cannot be read: " + e.getMessage());
        }
        IntakeResult result;
        try {
            Submission submission = Submission.bounded(agreement.partner(), "AS4", payload.bytes(), payload.size(), maxPayloadBytes, null);
            // signed with the partner's own certificate from its agreement (checked above): its word on the document
            result = intake.requestBody(IntakeRoute.INTAKE, state.isSoapSignatureChecked() ? submission.sealedBySender() : submission,
                    IntakeResult.class);
        } catch (RuntimeException e) {
            log.warn("AS4 message {} from {} not taken in: {}", messageId, agreement.partner(), e.getMessage());
            return refuse(errors, EEbmsError.EBMS_OTHER, messageId, "not stored just now; send it again with the same message id");
        }
        return switch (result.outcome()) {
            case ACCEPTED, DUPLICATE -> {
                outcome.trackingId = result.trackingId();
                log.info("AS4 message {} from {} taken in as {}", messageId, agreement.partner(), result.trackingId());
                yield AS4MessageProcessorResult.createSuccess();
            }
            // ebMS has no code for throttling: EBMS:0004 (Other) whose detail starts with the gateway's code and the pause;
            // the message id is not recorded, so the resend it asks for is taken in as new
            case RATE_LIMITED -> refuse(errors, EEbmsError.EBMS_OTHER, messageId, result.violations().get(0).code() + ": retry after "
                    + result.retryAfter().toSeconds() + " s: " + result.violations().get(0).message());
            default -> refuse(errors, EEbmsError.EBMS_OTHER, messageId, result.outcome() + " (tracking id " + result.trackingId() + "): "
                    + result.violations().stream().map(v -> v.code() + (v.path() == null ? "" : " at " + v.path()) + ": " + v.message())
                            .collect(Collectors.joining("; ")));
        };
    }

    private static AS4MessageProcessorResult refuse(AS4ErrorList errors, EEbmsError code, String messageId, String why) {
        log.warn("AS4 message {} refused: {} {}", messageId, code.getErrorCode(), why);
        errors.add(error(code, messageId, why));
        return AS4MessageProcessorResult.createFailure();
    }

    private static AS4Error error(EEbmsError code, String messageId, String why) {
        return AS4Error.builder().ebmsError(code.errorBuilder(Locale.US).refToMessageInError(messageId).errorDetail(why)
                .description(why, Locale.US)).build();
    }

    private static Ebms3PartyId single(List<Ebms3PartyId> ids) {
        return ids == null || ids.size() != 1 ? null : ids.get(0);
    }

    private static String typeOf(Ebms3PartyId id) {
        return id.getType() == null ? "" : id.getType();
    }
}
