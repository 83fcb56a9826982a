package org.casw.routes.transform.asean;

/**
 * Violation codes of the translations to and from the ASEAN partner formats (WCO-ACDD, ASW-ECO),
 * stable like {@link org.casw.routes.validation.ViolationCodes}. Partner input that is not XML, not in
 * the format or breaks its XSD is reported with the gateway's usual codes (XML_MALFORMED,
 * XML_DOCTYPE_FORBIDDEN, PAYLOAD_EMPTY, UNKNOWN_DOCUMENT_TYPE, SCHEMA_VIOLATION).
 */
public final class AseanTranslationCodes {

    /** The document cannot be expressed in the format, e.g. an import declaration as an ACDD (exports only). */
    public static final String TRANSLATION_NOT_APPLICABLE = "TRANSLATION_NOT_APPLICABLE";
    /** A China code has no counterpart in the international code list the format uses (country, unit, mode, terms). */
    public static final String CODE_NOT_MAPPABLE = "CODE_NOT_MAPPABLE";
    /** The receiving single window cannot be determined, e.g. a utilization notice for an unregistered certificate. */
    public static final String RECEIVER_UNKNOWN = "RECEIVER_UNKNOWN";

    private AseanTranslationCodes() {
    }
}
