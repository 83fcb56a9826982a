package org.casw.gateway.reliability;

import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.casw.certs.IssuedIdentity;
import org.casw.gateway.as4.As4Agreement;
import org.casw.gateway.as4.As4Crypto;
import com.helger.phase4.attachment.AS4OutgoingAttachment;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.incoming.AS4IncomingProfileSelectorConstant;
import com.helger.phase4.messaging.http.HttpRetrySettings;
import com.helger.phase4.model.MessageProperty;
import com.helger.phase4.model.pmode.IPMode;
import com.helger.phase4.sender.AS4Sender;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import com.helger.phase4.sender.IAS4SignalMessageValidationResultHandler;

/**
 * A partner access point reduced to phase4's own sender in the test JVM: every send builds and signs the message
 * afresh (as phase4 does for a resend) and checks the receipt with phase4's own non-repudiation check, which compares
 * the receipt's references with the digests of the message just sent.
 */
final class BareAs4Sender {

    private final AS4CryptoFactoryInMemoryKeyStore crypto;
    private final X509Certificate receiver;
    private final IPMode pmode;
    private final String fromPartyId;
    private final String toPartyId;

    /** What one send came back with: phase4's result and what its receipt check said. */
    record Sent(EAS4UserMessageSendResult result, List<String> receiptCheck) {
    }

    BareAs4Sender(IssuedIdentity own, X509Certificate receiver, String fromPartyId, String toPartyId) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("key", KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(own.privateKey().getEncoded())),
                "pw".toCharArray(), new Certificate[] {own.certificate()});
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("receiver", receiver);
        this.crypto = new AS4CryptoFactoryInMemoryKeyStore(keys, "key", "pw".toCharArray(), trust);
        this.receiver = receiver;
        this.fromPartyId = fromPartyId;
        this.toPartyId = toPartyId;
        this.pmode = BareAs4Receiver.pmode(fromPartyId, toPartyId, "urn:casw:as4:trade-documents", "Deliver");
    }

    Sent send(String endpoint, String messageId, byte[] document) throws Exception {
        List<String> check = new ArrayList<>();
        AS4Sender.BuilderUserMessage builder = AS4Sender.builderUserMessage()
                .as4ProfileID("bare-partner")
                .pmodeResolver((id, service, action, initiator, responder, agreement, address) -> pmode)
                .incomingProfileSelector(new AS4IncomingProfileSelectorConstant(null, false))
                .cryptoFactory(crypto)
                .pmode(pmode)
                .messageID(messageId)
                .conversationID("conversation-" + messageId)
                .fromPartyIDType(As4Agreement.UNREGISTERED_TYPE).fromPartyID(fromPartyId).fromRole(As4Agreement.ROLE_INITIATOR)
                .toPartyIDType(As4Agreement.UNREGISTERED_TYPE).toPartyID(toPartyId).toRole(As4Agreement.ROLE_RESPONDER)
                .service("urn:casw:as4:trade-documents").action("Deliver")
                .endpointURL(endpoint)
                .addMessageProperty(MessageProperty.builder().name("originalSender").value("SG-NSW"))
                .payload(AS4OutgoingAttachment.builder().data(document).mimeTypeXML().compressionGZIP())
                .httpRetrySettings(new HttpRetrySettings().setMaxRetries(0))
                .signalMsgValidationResultHdl(new IAS4SignalMessageValidationResultHandler() {
                    @Override
                    public void onSuccess() {
                        check.add("success");
                    }

                    @Override
                    public void onError(String error) {
                        check.add("error: " + error);
                    }

                    @Override
                    public void onNotApplicable() {
                        check.add("not applicable");
                    }
                });
        As4Crypto.signing().cloneTo(builder.signingParams());
        As4Crypto.encryptionFor(receiver).cloneTo(builder.cryptParams());
        return new Sent(builder.sendMessageAndCheckForReceipt(), check);
    }
}
