package org.casw.routes.validation;

/** The stable violation codes the gateway reports; documented in docs/documents.md and docs/api.md, never renamed. */
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
    /** The submitting party has no agreement (an operator, or a party since removed): only trade parties submit. */
    public static final String UNKNOWN_SENDER = "UNKNOWN_SENDER";
    /** An operator suspended the party: it neither submits nor receives until resumed. */
    public static final String PARTY_SUSPENDED = "PARTY_SUSPENDED";
    /** The party's agreement (or role) does not let it send this document type. */
    public static final String DOCUMENT_TYPE_NOT_ALLOWED = "DOCUMENT_TYPE_NOT_ALLOWED";
    /** A certificate of origin from a party that does not speak for its exporting (issuing) country. */
    public static final String CERTIFICATE_ISSUER_MISMATCH = "CERTIFICATE_ISSUER_MISMATCH";
    /** A certificate of origin that does not carry its issuer's verified signature. */
    public static final String CERTIFICATE_SIGNATURE_REQUIRED = "CERTIFICATE_SIGNATURE_REQUIRED";
    /** A utilization notice from a party that does not speak for the importing country that used the certificate. */
    public static final String UTILIZATION_ISSUER_MISMATCH = "UTILIZATION_ISSUER_MISMATCH";
    /** The sender's message id was already used for a different payload. */
    public static final String MESSAGE_ID_CONFLICT = "MESSAGE_ID_CONFLICT";
    /** A receipt refers to a message that does not exist or was not delivered to its sender. */
    public static final String REFERENCE_NOT_FOUND = "REFERENCE_NOT_FOUND";
    /** No partner agreement routes this document type. */
    public static final String NO_ROUTE = "NO_ROUTE";
    /** The party sent faster than its agreement's rate allows; nothing was stored: send it again after the pause given. */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** The party already has as many submissions in progress as its agreement allows; nothing was stored. */
    public static final String IN_FLIGHT_LIMIT = "IN_FLIGHT_LIMIT";
    /** A JMS submission was neither a text nor a bytes message (object, map, stream): refused unread. */
    public static final String JMS_MESSAGE_TYPE_REFUSED = "JMS_MESSAGE_TYPE_REFUSED";
    /** A dropped file was not a regular file inside the drop directory (a symlink, a hard link, a path outside): refused unread. */
    public static final String FILE_NOT_REGULAR = "FILE_NOT_REGULAR";

    private ViolationCodes() {
    }
}
