package org.casw.gateway.as4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.intake.IntakeResult;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.Submission;
import org.casw.routes.ledger.MessageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Node;
import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.ebms3header.Ebms3CollaborationInfo;
import com.helger.phase4.ebms3header.Ebms3MessageProperties;
import com.helger.phase4.ebms3header.Ebms3PartyId;
import com.helger.phase4.ebms3header.Ebms3Property;
import com.helger.phase4.ebms3header.Ebms3Service;
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
 * sender is the partner whose agreement names the From and To party ids (each with its type, or untyped), and
 * the message must be signed with that agreement's certificate, encrypted where the agreement says so (phase4
 * itself accepts unsigned and unencrypted messages) and carry the agreement's service and action. The payload
 * goes into the same intake as the HTTP API. A message id answered before (a resend) is not taken in again, but
 * gets a receipt of its own: phase4 builds it over the resent message's signature references, which a sender
 * that signs each resend afresh checks.
 */
public class As4Inbox {

    private static final Logger log = LoggerFactory.getLogger(As4Inbox.class);

    /** The eDelivery four-corner message properties: the end parties behind the two gateways. */
    public static final String ORIGINAL_SENDER = "originalSender";
    public static final String FINAL_RECIPIENT = "finalRecipient";

    private final ConfiguredPartners partners;
    private final ProducerTemplate intake;
    private final As4Ledger ledger;
    private final MessageLedger history;
    private final long maxPayloadBytes;

    /** @param history where the end parties a partner names (four-corner) are noted in the message's history */
    public As4Inbox(ConfiguredPartners partners, ProducerTemplate intake, As4Ledger ledger, MessageLedger history, long maxPayloadBytes) {
        this.partners = partners;
        this.intake = intake;
        this.ledger = ledger;
        this.history = history;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** What processing one request decided, for the endpoint to answer with. */
    public static final class Outcome {
        String messageId;
        String conversationId;
        String partner;
        String trackingId;
        String receiptId;
        As4Ledger.ReceivedMessage original;

        /** The message as answered the first time, when this message is a resend of one already answered. */
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
                // the response is the receipt, kept by the endpoint under the id phase4 gave it
                outcome.receiptId = messageId;
            }
        };
    }

    private AS4MessageProcessorResult take(Ebms3UserMessage message, ICommonsList<WSS4JAttachment> attachments,
            IAS4IncomingMessageState state, AS4ErrorList errors, Outcome outcome) {
        String messageId = message.getMessageInfo().getMessageId();
        outcome.messageId = messageId;
        outcome.conversationId = message.getCollaborationInfo() == null ? null : message.getCollaborationInfo().getConversationId();
        List<Ebms3PartyId> froms = message.getPartyInfo().getFrom().getPartyId();
        List<Ebms3PartyId> tos = message.getPartyInfo().getTo().getPartyId();
        Ebms3PartyId from = single(froms);
        Ebms3PartyId to = single(tos);
        if (from == null || to == null) {
            return refuse(errors, EEbmsError.EBMS_PROCESSING_MODE_MISMATCH, messageId, "expected one From and one To PartyId, found "
                    + (froms == null ? 0 : froms.size()) + " and " + (tos == null ? 0 : tos.size()));
        }
        Optional<As4Agreement> found = partners.as4Agreements().stream()
                .filter(a -> a.covers(typeOf(from), from.getValue(), typeOf(to), to.getValue())).findFirst();
        if (found.isEmpty()) {
            return refuse(errors, EEbmsError.EBMS_PROCESSING_MODE_MISMATCH, messageId, noAgreement(from, to));
        }
        As4Agreement agreement = found.get();
        // WSS4J verifies a signature that is there with the certificate it carries (As4Crypto); whether that is the
        // agreement's certificate, and whether one must be there, is the agreement's business
        X509Certificate signer = state.isSoapSignatureChecked() ? state.getSigningCertificate() : null;
        if (state.isSoapSignatureChecked() && !agreement.certificate().equals(signer)) {
            return refuse(errors, EEbmsError.EBMS_FAILED_AUTHENTICATION, messageId, "signed by "
                    + (signer == null ? "a key without a certificate" : As4Agreement.describe(signer)) + "; the agreement with "
                    + agreement.partner() + " expects " + As4Agreement.describe(agreement.certificate()));
        }
        if (signer != null && !validNow(signer)) {
            return refuse(errors, EEbmsError.EBMS_FAILED_AUTHENTICATION, messageId, "signed by " + As4Agreement.describe(signer)
                    + ", valid from " + signer.getNotBefore().toInstant() + " to " + signer.getNotAfter().toInstant()
                    + " only; the agreement with " + agreement.partner() + " needs a certificate valid now (a renewed as4.certificate)");
        }
        if (agreement.mustSign() && !state.isSoapSignatureChecked()) {
            return refuse(errors, EEbmsError.EBMS_POLICY_NONCOMPLIANCE, messageId, "unsigned; the agreement with " + agreement.partner()
                    + " requires a signature by " + As4Agreement.describe(agreement.certificate()));
        }
        if (agreement.mustEncrypt() && !state.isSoapDecrypted()) {
            return refuse(errors, EEbmsError.EBMS_POLICY_NONCOMPLIANCE, messageId,
                    "not encrypted; the agreement with " + agreement.partner() + " requires encryption");
        }
        Ebms3CollaborationInfo collaboration = message.getCollaborationInfo();
        Ebms3Service service = collaboration == null ? null : collaboration.getService();
        String serviceType = service == null || service.getType() == null || service.getType().isEmpty() ? null : service.getType();
        String action = collaboration == null ? null : collaboration.getAction();
        if (service == null || !agreement.service().equals(service.getValue()) || !Objects.equals(agreement.serviceType(), serviceType)
                || !agreement.action().equals(action)) {
            return refuse(errors, EEbmsError.EBMS_PROCESSING_MODE_MISMATCH, messageId, "service "
                    + (service == null ? "(none)" : describeService(serviceType, service.getValue())) + " with action " + action
                    + " is not in the agreement with " + agreement.partner() + ": it expects service "
                    + describeService(agreement.serviceType(), agreement.service()) + " with action " + agreement.action());
        }
        outcome.partner = agreement.partner();
        Optional<As4Ledger.ReceivedMessage> before = ledger.received(messageId)
                .filter(m -> m.receipt() != null && agreement.partner().equals(m.partner()));
        if (before.isPresent()) {
            // a success without the intake: phase4 answers with a fresh receipt over this resend's own references
            log.info("AS4 message {} from {} was received before (tracking id {}); not taken in again, answered with a new receipt",
                    messageId, agreement.partner(), before.get().trackingId());
            outcome.original = before.get();
            outcome.trackingId = before.get().trackingId();
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
                if (result.outcome() == IntakeResult.Outcome.ACCEPTED) {
                    recordEndParties(message, result.trackingId());
                }
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

    /** The four-corner end parties the partner named (eDelivery: who sent the document first, who receives it last). */
    private void recordEndParties(Ebms3UserMessage message, String trackingId) {
        Ebms3MessageProperties properties = message.getMessageProperties();
        if (properties == null || properties.getProperty().isEmpty()) {
            return;
        }
        List<String> named = new ArrayList<>(2);
        for (Ebms3Property property : properties.getProperty()) {
            if (ORIGINAL_SENDER.equals(property.getName()) || FINAL_RECIPIENT.equals(property.getName())) {
                named.add(property.getName() + " " + As4Agreement.describe(typeOf(property.getType()), property.getValue()));
            }
        }
        if (named.isEmpty()) {
            return;
        }
        try {
            history.note(trackingId, "AS4 four-corner: " + String.join(", ", named));
        } catch (RuntimeException e) {
            // the document is stored and will be answered with a receipt; only this line of its history is missing
            log.warn("AS4 end parties of {} not recorded: {}", trackingId, e.toString());
        }
    }

    /** Why no agreement covers a message's parties, naming what the agreements for that sender expect. */
    private String noAgreement(Ebms3PartyId from, Ebms3PartyId to) {
        String received = "party " + As4Agreement.describe(typeOf(from), from.getValue()) + " sending to "
                + As4Agreement.describe(typeOf(to), to.getValue());
        List<String> expected = partners.as4Agreements().stream().filter(a -> a.partyId().equals(from.getValue()))
                .map(As4Agreement::expectedParties).toList();
        return received + " is in no agreement" + (expected.isEmpty() ? " of this gateway" : "; " + String.join("; ", expected));
    }

    private static String describeService(String type, String value) {
        return value + (type == null ? "" : " (type " + type + ")");
    }

    private static boolean validNow(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return true;
        } catch (CertificateException e) {
            return false;
        }
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

    /** A party id's type; none (or an empty attribute) is an untyped id. */
    private static String typeOf(Ebms3PartyId id) {
        return typeOf(id.getType());
    }

    private static String typeOf(String type) {
        return type == null || type.isEmpty() ? null : type;
    }
}
