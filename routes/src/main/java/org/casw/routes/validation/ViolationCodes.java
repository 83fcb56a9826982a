package org.casw.routes.validation;

/** The stable violation codes the gateway reports; documented in the README, never renamed. */
public final class ViolationCodes {
    /** The payload is not well-formed XML. */
    public static final String XML_MALFORMED = "XML_MALFORMED";
    /** A DOCTYPE was present: refused outright, which stops XXE and entity-expansion attacks. */
    public static final String XML_DOCTYPE_FORBIDDEN = "XML_DOCTYPE_FORBIDDEN";
    /** The body exceeds the configured size limit. */
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    /** The body is empty. */
    public static final String PAYLOAD_EMPTY = "PAYLOAD_EMPTY";
    /** The root element and namespace match no document type the gateway carries. */
    public static final String UNKNOWN_DOCUMENT_TYPE = "UNKNOWN_DOCUMENT_TYPE";
    /** The document breaks its XML Schema; the violation's message names the XSD rule. */
    public static final String SCHEMA_VIOLATION = "SCHEMA_VIOLATION";
    /** The document names a sender (declarant) that is not the authenticated party. */
    public static final String SENDER_MISMATCH = "SENDER_MISMATCH";
    /** An AEO status notice reports statuses of a country the sending window does not act for. */
    public static final String AEO_ISSUER_MISMATCH = "AEO_ISSUER_MISMATCH";
    /** The sender's message id was already used for a different payload. */
    public static final String MESSAGE_ID_CONFLICT = "MESSAGE_ID_CONFLICT";
    /** A receipt refers to a message that does not exist or was not delivered to its sender. */
    public static final String REFERENCE_NOT_FOUND = "REFERENCE_NOT_FOUND";
    /** No partner agreement routes this document type. */
    public static final String NO_ROUTE = "NO_ROUTE";
    /** A JMS submission was neither a text nor a bytes message (object, map, stream): refused unread. */
    public static final String JMS_MESSAGE_TYPE_REFUSED = "JMS_MESSAGE_TYPE_REFUSED";
    /** A dropped file was not a regular file inside the drop directory (a symlink, a hard link, a path outside): refused unread. */
    public static final String FILE_NOT_REGULAR = "FILE_NOT_REGULAR";

    private ViolationCodes() {
    }
}
