package org.casw.routes.ledger;

import java.util.List;

/**
 * What one receiver gets of a validated document, prepared in memory before anything is written: the version written
 * in its format, the signed version, the history lines that say how, or why it cannot be written for it.
 *
 * @param receiver     the receiving party
 * @param prepared     the document written for it (translated, or as received in its own format); null: the gateway's
 *                     own reading goes as it is
 * @param signed       the signed version it receives; null when not signed
 * @param notes        history lines in order (translated, forwarded with the sender's signature, not signed and why)
 * @param signedReason the SIGNED line (signer, certificate, algorithm) when signed
 * @param failure      why it cannot be written in the receiver's format (the message then FAILS for it); null if it can
 */
public record ReceiverVersion(String receiver, byte[] prepared, byte[] signed, List<String> notes, String signedReason,
        String failure) {

    public ReceiverVersion {
        notes = List.copyOf(notes);
        if ((signed == null) != (signedReason == null)) {
            throw new IllegalArgumentException("a signed version needs its reason, and only a signed version has one");
        }
    }

    /** Nothing to prepare: the receiver gets the gateway's reading as it is, unsigned. */
    public static ReceiverVersion asIs(String receiver) {
        return new ReceiverVersion(receiver, null, null, List.of(), null, null);
    }

    /** The status the message reaches for this receiver once its version is stored. */
    public MessageStatus status() {
        return signed != null ? MessageStatus.SIGNED : MessageStatus.VALIDATED;
    }
}
