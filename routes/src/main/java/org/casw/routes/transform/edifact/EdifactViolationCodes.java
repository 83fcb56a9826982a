package org.casw.routes.transform.edifact;

/**
 * Stable violation codes of the UN/EDIFACT (D.96B) translators: what is wrong with an interchange
 * before or while it is translated, and what a native document cannot express in EDIFACT.
 */
public final class EdifactViolationCodes {

    /** Not an interchange at all, broken delimiters, or a segment the parser cannot read. */
    public static final String EDIFACT_SYNTAX = "EDIFACT_SYNTAX";
    /** A segment that is unknown, not allowed where it stands, out of order, or repeated too often. */
    public static final String EDIFACT_SEGMENT_UNEXPECTED = "EDIFACT_SEGMENT_UNEXPECTED";
    /** A mandatory segment (or segment group) is missing. */
    public static final String EDIFACT_SEGMENT_MISSING = "EDIFACT_SEGMENT_MISSING";
    /** A mandatory data element or component is empty or absent. */
    public static final String EDIFACT_ELEMENT_MISSING = "EDIFACT_ELEMENT_MISSING";
    /** A value is longer than its D.96B representation allows (e.g. an..17). */
    public static final String EDIFACT_ELEMENT_TOO_LONG = "EDIFACT_ELEMENT_TOO_LONG";
    /** A value is not in its code list, has characters its representation forbids, is too short, or repeats too often. */
    public static final String EDIFACT_ELEMENT_INVALID = "EDIFACT_ELEMENT_INVALID";
    /** UNT segment count or UNZ message count disagree with the interchange, or control references do not match. */
    public static final String EDIFACT_CONTROL_COUNT = "EDIFACT_CONTROL_COUNT";
    /** A message type, directory or number of messages this translator does not handle. */
    public static final String EDIFACT_MESSAGE_UNSUPPORTED = "EDIFACT_MESSAGE_UNSUPPORTED";
    /**
     * A character outside the repertoire of the interchange's syntax identifier (UNB S001/0001), e.g. a lower-case
     * letter under UNOA, a C1 control under UNOC, or a byte sequence that is not UTF-8 under UNOW.
     */
    public static final String EDIFACT_CHARACTER_INVALID = "EDIFACT_CHARACTER_INVALID";
    /** A syntax identifier the gateway does not read (only UNOA, UNOB, UNOC and, from syntax version 4, UNOW). */
    public static final String EDIFACT_CHARSET_UNSUPPORTED = "EDIFACT_CHARSET_UNSUPPORTED";
    /** The sender already sent an interchange with this control reference (UNB 0020). */
    public static final String EDIFACT_INTERCHANGE_DUPLICATE = "EDIFACT_INTERCHANGE_DUPLICATE";
    /**
     * A message of a directory the gateway reads but the sender's agreement does not list
     * ({@code edifact.directories}, default D96B), e.g. a D.95B CODECO from a party agreed for D.96B only.
     */
    public static final String EDIFACT_DIRECTORY_NOT_AGREED = "EDIFACT_DIRECTORY_NOT_AGREED";
    /** The interchange is larger than the translator accepts. */
    public static final String EDIFACT_PAYLOAD_TOO_LARGE = "EDIFACT_PAYLOAD_TOO_LARGE";
    /**
     * Valid EDIFACT that has no place in the native document (or a native value EDIFACT cannot
     * carry), e.g. an unknown BGM document name code or a seal number longer than SEL 9308 an..10.
     */
    public static final String EDIFACT_VALUE_UNMAPPABLE = "EDIFACT_VALUE_UNMAPPABLE";

    private EdifactViolationCodes() {
    }
}
