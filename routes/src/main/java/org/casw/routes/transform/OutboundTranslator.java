package org.casw.routes.transform;

import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.PartnerProfile;

/** Turns a valid native document into the format a receiver's agreement says it accepts. */
public interface OutboundTranslator {

    /** The format this translator writes, e.g. {@code EDIFACT-D96B}, {@code WCO-ACDD} or {@code ASW-ECO}. */
    String format();

    /** Whether documents of this native type can be written in this format. */
    boolean translates(DocumentType type);

    /**
     * The document in this format. The input has already passed its schema and business rules; a
     * document that cannot be expressed in the format gives violations, not an exception.
     */
    Translation fromNative(DocumentType type, byte[] nativeXml);

    /**
     * The document in this format for one receiver: formats with addressing inside (EDIFACT's UNB) take the receiver's
     * ids from its agreement. By default the same as {@link #fromNative(DocumentType, byte[])}.
     */
    default Translation fromNative(DocumentType type, byte[] nativeXml, PartnerProfile receiver) {
        return fromNative(type, nativeXml);
    }

    /**
     * Whether a document the sender wrote in this very format goes to the receiver as received rather than written
     * anew from the native model: for a format the native model does not hold whole (China's manifests), so that
     * nothing is lost between two parties that speak it. Formats with partner addressing inside (EDIFACT's UNB) say no.
     */
    default boolean deliversAsReceived(byte[] received) {
        return false;
    }
}
