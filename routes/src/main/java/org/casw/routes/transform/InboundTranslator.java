package org.casw.routes.transform;

import org.casw.routes.partner.PartnerProfile;

/**
 * Turns a document in a party's own format (UN/EDIFACT, a partner single window's exchange format)
 * into the gateway's native XML, so that the rest of the pipeline sees one model per document type.
 */
public interface InboundTranslator {

    /** The format this translator reads, e.g. {@code EDIFACT-D96B} or {@code ASW-ECO}. */
    String format();

    /** Cheap sniff of the payload's first bytes or root element: is it in this format? Never throws. */
    boolean recognises(byte[] payload);

    /**
     * The native XML document, or every problem found (each with a stable code and where it is, e.g.
     * the EDIFACT segment position or the XML path). Never throws on bad input.
     */
    Translation toNative(byte[] payload);

    /**
     * As {@link #toNative(byte[])}, for a payload from a known sender whose agreement may narrow what it
     * may send in this format (e.g. the UN/EDIFACT directories it agreed to). By default the agreement
     * changes nothing.
     */
    default Translation toNative(byte[] payload, PartnerProfile sender) {
        return toNative(payload);
    }
}
