package org.casw.routes.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.casw.routes.document.DocumentType;
import org.casw.routes.ledger.ReceiverVersion;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.signature.SignaturePolicies;
import org.casw.routes.signature.XmlSigner;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.PartyFormats;
import org.casw.routes.transform.Translation;

/**
 * Writes a validated document the way one receiver's agreement asks, in memory: in the receiver's format (or as the sender
 * wrote it, when both speak that format), then signed with the agreed profile. A document that arrived with its sender's
 * verified signature travels with that signature instead: it is the stronger evidence, and a second enveloped signature
 * would break the first. Nothing is stored here: the ledger stores the result in the same transaction as the routing.
 */
public final class ReceiverVersions {

    private final PartyFormats formats;
    private final PartnerDirectory partners;
    private final SignaturePolicies signatures;
    private final XmlSigner signer = new XmlSigner();

    public ReceiverVersions(PartyFormats formats, PartnerDirectory partners, SignaturePolicies signatures) {
        this.formats = formats;
        this.partners = partners;
        this.signatures = signatures;
    }

    /**
     * @param document     the gateway's XML reading of the document
     * @param received     the payload as its sender submitted it (read only when the receiver has a format of its own)
     * @param senderSigned the document carries its sender's verified signature
     */
    public ReceiverVersion prepare(String receiver, DocumentType type, byte[] document, Supplier<byte[]> received,
            boolean senderSigned) {
        Optional<OutboundTranslator> translator = formats.outboundFor(receiver, type);
        List<String> notes = new ArrayList<>();
        byte[] prepared = null;
        boolean xml = true;
        byte[] asReceived = translator.isEmpty() ? null : received.get();
        if (asReceived != null && translator.get().deliversAsReceived(asReceived)) {
            // sender and receiver speak the same format: what the sender wrote goes on, nothing lost in between
            prepared = asReceived;
            notes.add("delivered as received in " + translator.get().format() + " for " + receiver);
        } else if (translator.isPresent()) {
            // the receiver's agreement addresses what is written for it (EDIFACT's UNB)
            Translation translation = translator.get().fromNative(type, document, partners.find(receiver).orElseThrow());
            if (!translation.ok()) {
                // valid, but not expressible in the receiver's format: an operator must look, nothing is sent
                return new ReceiverVersion(receiver, null, null, List.of(), null, "cannot be written as " + translator.get().format()
                        + " for " + receiver + ": " + translation.violations().stream().map(v -> v.code() + " " + v.message()).toList());
            }
            prepared = translation.payload();
            xml = translation.contentType() == null || translation.contentType().contains("xml");
            notes.add("translated to " + translator.get().format() + " for " + receiver);
        }
        Optional<SignaturePolicies.OutboundSignature> outbound = signatures.signingFor(receiver);
        if (outbound.isEmpty()) {
            return new ReceiverVersion(receiver, prepared, null, notes, null, null);
        }
        if (senderSigned && translator.isEmpty()) {
            notes.add("forwarded with the sender's signature");
            return new ReceiverVersion(receiver, prepared, null, notes, null, null);
        }
        if (!xml) {
            notes.add("not signed: " + translator.get().format() + " is not XML");
            return new ReceiverVersion(receiver, prepared, null, notes, null, null);
        }
        SignaturePolicies.OutboundSignature how = outbound.get();
        byte[] signed = signer.sign(prepared != null ? prepared : document, how.profile(), how.identity(), how.options());
        var certificate = how.identity().certificate();
        return new ReceiverVersion(receiver, prepared, signed, notes, "signed for " + receiver + ": " + how.profile().id()
                + ", signer " + certificate.getSubjectX500Principal().getName() + ", certificate serial "
                + certificate.getSerialNumber().toString(16) + ", " + certificate.getSigAlgName(), null);
    }
}
