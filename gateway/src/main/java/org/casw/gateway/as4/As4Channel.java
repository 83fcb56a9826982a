package org.casw.gateway.as4;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.delivery.DeliveryRefusedException;
import org.casw.routes.delivery.HttpChannel;
import org.casw.routes.delivery.Outbound;
import org.casw.routes.delivery.PartnerChannel;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;
import com.helger.mime.parse.MimeTypeParser;
import com.helger.phase4.attachment.AS4OutgoingAttachment;
import com.helger.phase4.ebms3header.Ebms3Error;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.messaging.http.HttpRetrySettings;
import com.helger.phase4.model.MessageProperty;
import com.helger.phase4.sender.AS4Sender;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import com.helger.phase4.sender.IAS4SignalMessageValidationResultHandler;

/**
 * Delivery to a partner gateway as an eDelivery AS4 user message: one-way push, the document as one
 * gzip-compressed payload, signed with the gateway's key and encrypted for the partner, P-Mode values from
 * its agreement. Only a receipt signed with the partner's agreed certificate, whose non-repudiation digests
 * match what was sent, counts as delivered; it is stored as evidence with the message. An ebMS error, no
 * receipt or an unsigned one throws, so the broker retries. Every resend carries the same ebMS message id
 * (derived from the tracking id), so the partner's duplicate elimination recognises it. A partner that answers
 * a resend with its duplicate-elimination error (EBMS:0004 "... duplicate", phase4's answer when our first attempt's
 * answer was lost) holds the document: the attempt ends as delivered, with the receipt recorded as not obtained
 * for an operator to ask for ({@link As4ReceiptController}).
 */
public class As4Channel implements PartnerChannel {

    /** How the history and the message view say that the partner holds a message but gave no receipt for it. */
    public static final String RECEIPT_NOT_OBTAINED = "receipt not obtained";

    /** ebMS message property naming the document type, so the receiver need not guess before it parses. */
    public static final String DOCUMENT_TYPE_PROPERTY = "documentType";

    private final ConfiguredPartners partners;
    private final Supplier<As4Runtime> runtime;
    private final As4Ledger ledger;
    private final UnaryOperator<String> urlResolver;

    public As4Channel(ConfiguredPartners partners, Supplier<As4Runtime> runtime, As4Ledger ledger, UnaryOperator<String> urlResolver) {
        this.partners = partners;
        this.runtime = runtime;
        this.ledger = ledger;
        this.urlResolver = urlResolver;
    }

    /** The ebMS message id of a message: the same for every resend of it. */
    public static String ebmsMessageId(String trackingId, As4Agreement agreement) {
        return trackingId + "@" + agreement.ourPartyId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-") + ".casw";
    }

    @Override
    public DeliveryChannel kind() {
        return DeliveryChannel.AS4;
    }

    @Override
    public String deliver(PartnerProfile partner, Outbound outbound) throws Exception {
        As4Agreement agreement = partners.as4(partner.id())
                .orElseThrow(() -> new IllegalStateException(partner.id() + " delivers by AS4 but has no as4 agreement"));
        As4Runtime as4 = runtime.get();
        String messageId = ebmsMessageId(outbound.trackingId(), agreement);
        String endpoint = urlResolver.apply(agreement.endpoint());
        AtomicReference<Ebms3SignalMessage> signal = new AtomicReference<>();
        AtomicReference<X509Certificate> signer = new AtomicReference<>();
        AtomicReference<byte[]> raw = new AtomicReference<>();
        List<String> problems = new ArrayList<>();
        AS4Sender.BuilderUserMessage builder = AS4Sender.builderUserMessage()
                .as4ProfileID(As4Engine.PROFILE_ID)
                .cryptoFactory(as4.crypto().factory(agreement.profile()))
                .pmode(as4.pmodes().outbound(agreement))
                .messageID(messageId)
                .conversationID(outbound.trackingId())
                .fromPartyIDType(agreement.ourPartyIdType()).fromPartyID(agreement.ourPartyId()).fromRole(As4Agreement.ROLE_INITIATOR)
                .toPartyIDType(agreement.partyIdType()).toPartyID(agreement.partyId()).toRole(As4Agreement.ROLE_RESPONDER)
                .service(agreement.serviceType(), agreement.service()).action(agreement.action())
                .endpointURL(endpoint)
                .addMessageProperty(endParty(As4Inbox.ORIGINAL_SENDER, agreement, outbound.sender()))
                .addMessageProperty(endParty(As4Inbox.FINAL_RECIPIENT, agreement, outbound.receiver()))
                .addMessageProperty(MessageProperty.builder().name(DOCUMENT_TYPE_PROPERTY).value(outbound.documentType()))
                .payload(AS4OutgoingAttachment.builder().data(outbound.payload())
                        .mimeType(MimeTypeParser.safeParseMimeType(HttpChannel.contentType(outbound.payload()))).compressionGZIP())
                // resends are the broker's, with back-off that survives restarts; not phase4's in-memory ones
                .httpRetrySettings(new HttpRetrySettings().setMaxRetries(0))
                .rawResponseConsumer(response -> raw.set(response.getResponseContent()))
                .signalMsgConsumer((message, metadata, state) -> {
                    signal.set(message);
                    if (state.isSoapSignatureChecked()) {
                        signer.set(state.getSigningCertificate());
                    }
                })
                .signalMsgValidationResultHdl(new IAS4SignalMessageValidationResultHandler() {
                    @Override
                    public void onSuccess() {
                    }

                    @Override
                    public void onError(String error) {
                        problems.add("receipt does not match what was sent: " + error);
                    }

                    @Override
                    public void onNotApplicable() {
                        problems.add("receipt carries no non-repudiation information to check");
                    }
                });
        As4Crypto.signing(agreement.profile()).cloneTo(builder.signingParams());
        As4Crypto.encryptionFor(agreement).cloneTo(builder.cryptParams());
        List<Exception> failures = new ArrayList<>();
        EAS4UserMessageSendResult result = ServiceLookups.around(() -> builder.sendMessageAndCheckForReceipt(failures::add));
        Ebms3SignalMessage answer = signal.get();
        if (answer != null && !answer.getError().isEmpty() && isDuplicateElimination(answer.getError())) {
            // the partner has it (a first attempt's answer was lost): delivered, never FAILED nor resent as a new message
            String described = describe(answer.getError());
            if (ledger != null) {
                ledger.receiptNotObtained(outbound.trackingId(), messageId, partner.id(), described);
            }
            return partner.id() + " already holds " + messageId + " from " + endpoint + " (it answered with ebMS error " + described
                    + "); " + RECEIPT_NOT_OBTAINED;
        }
        if (answer != null && !answer.getError().isEmpty()) {
            throw new DeliveryRefusedException(partner.id() + " answered " + messageId + " with ebMS error " + describe(answer.getError()));
        }
        if (result != EAS4UserMessageSendResult.SUCCESS) {
            throw new DeliveryRefusedException("AS4 delivery of " + messageId + " to " + endpoint + " failed: " + result.getID()
                    + (failures.isEmpty() ? "" : " (" + failures.get(0).getMessage() + ")"));
        }
        if (answer == null || answer.getReceipt() == null) {
            throw new DeliveryRefusedException(partner.id() + " answered " + messageId + " without a receipt");
        }
        X509Certificate receiptSigner = signer.get();
        if (receiptSigner == null) {
            throw new DeliveryRefusedException(partner.id() + " answered " + messageId + " with an unsigned receipt");
        }
        if (!receiptSigner.equals(agreement.certificate())) {
            throw new DeliveryRefusedException(partner.id() + " signed the receipt for " + messageId + " with "
                    + receiptSigner.getSubjectX500Principal() + ", not the certificate of its agreement");
        }
        try {
            // WSS4J leaves trust to the agreement (As4Crypto), so the validity period is checked here
            receiptSigner.checkValidity();
        } catch (CertificateException e) {
            throw new DeliveryRefusedException(partner.id() + " signed the receipt for " + messageId + " with "
                    + As4Agreement.describe(receiptSigner) + ", valid until " + receiptSigner.getNotAfter().toInstant()
                    + " only: its agreement needs a renewed as4.certificate");
        }
        if (!problems.isEmpty()) {
            throw new DeliveryRefusedException(partner.id() + ": " + String.join("; ", problems));
        }
        String receiptId = answer.getMessageInfo().getMessageId();
        ledger.storeSentReceipt(outbound.trackingId(), messageId, partner.id(), receiptId, receiptSigner, raw.get());
        return "AS4 receipt " + receiptId + " for " + messageId + " from " + endpoint;
    }

    /** A four-corner property: the end party's id in the partner's network, with the type (scheme) of that id. */
    private MessageProperty.Builder endParty(String property, As4Agreement agreement, String party) {
        As4Agreement.EndParty named = agreement.endParty(party, partners.find(party).map(PartnerProfile::identifiers).orElse(null));
        return MessageProperty.builder().name(property).type(named.type()).value(named.id());
    }

    /**
     * Every error's ErrorCode, ShortDescription, Description and ErrorDetail: phase4 puts a generic description ("An undefined
     * error occurred") beside the cause, which only the detail names.
     */
    static String describe(List<Ebms3Error> errors) {
        List<String> parts = new ArrayList<>();
        for (Ebms3Error e : errors) {
            String description = e.getDescription() == null ? null : e.getDescription().getValue();
            String detail = e.getErrorDetail();
            StringBuilder part = new StringBuilder().append(e.getErrorCode()).append(' ').append(e.getShortDescription());
            if (description != null && !description.isBlank()) {
                part.append(": ").append(description.strip());
            }
            if (detail != null && !detail.isBlank() && !detail.strip().equals(description == null ? null : description.strip())) {
                part.append(" (detail: ").append(detail.strip()).append(')');
            }
            parts.add(part.toString());
        }
        return String.join("; ", parts);
    }

    /**
     * The partner's duplicate elimination: ebMS 3 has no code of its own for it, so an AS4 server answers EBMS:0004 (Other)
     * and says "duplicate" (phase4: "... was already handled (this is a duplicate)"). Only when every error says so.
     */
    static boolean isDuplicateElimination(List<Ebms3Error> errors) {
        return errors.stream().allMatch(e -> "EBMS:0004".equals(e.getErrorCode())
                && Stream.of(e.getErrorDetail(), e.getDescription() == null ? null : e.getDescription().getValue())
                        .anyMatch(text -> text != null && text.toLowerCase(Locale.ROOT).contains("duplicate")));
    }
}
