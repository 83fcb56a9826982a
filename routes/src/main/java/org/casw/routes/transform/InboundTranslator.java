package org.casw.routes.transform;

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
}
