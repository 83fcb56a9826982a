package org.casw.routes.transform.edifact;

import java.util.Map;
import org.casw.routes.validation.ViolationCodes;
import io.xlate.edi.stream.EDIStreamValidationError;

import static java.util.Map.entry;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_CHARACTER_INVALID;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_CHARSET_UNSUPPORTED;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_CONTROL_COUNT;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_ELEMENT_INVALID;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_ELEMENT_MISSING;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_ELEMENT_TOO_LONG;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_INTERCHANGE_DUPLICATE;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_PAYLOAD_TOO_LARGE;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_SEGMENT_MISSING;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_SEGMENT_UNEXPECTED;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_SYNTAX;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE;

/**
 * The one table from the gateway's violation codes to the UN/EDIFACT syntax error codes (data element 0085, ISO
 * 9735) a CONTRL reports. Where the reader knows StAEDI's finer validation error (too short, too many components,
 * a segment group repeated too often), that decides; otherwise the violation code does, and a code the table does
 * not name is {@code 18} (unspecified error).
 */
public final class SyntaxErrorCodes {

    /** 0085 12: a value that breaks its code list, representation or a rule. */
    public static final String INVALID_VALUE = "12";
    public static final String MISSING = "13";
    public static final String VALUE_NOT_SUPPORTED = "14";
    public static final String NOT_SUPPORTED_IN_POSITION = "15";
    public static final String TOO_MANY_CONSTITUENTS = "16";
    public static final String NO_AGREEMENT = "17";
    public static final String UNSPECIFIED = "18";
    public static final String INVALID_CHARACTER = "21";
    public static final String UNKNOWN_SENDER = "23";
    public static final String DUPLICATE = "26";
    public static final String REFERENCES_DO_NOT_MATCH = "28";
    public static final String CONTROL_COUNT = "29";
    public static final String TOO_MANY_REPETITIONS = "35";
    public static final String TOO_MANY_GROUP_REPETITIONS = "36";
    public static final String INVALID_TYPE_OF_CHARACTER = "37";
    public static final String TOO_LONG = "39";
    public static final String TOO_SHORT = "40";
    public static final String CHARACTER_SET_NOT_SUPPORTED = "46";

    private static final Map<String, String> BY_VIOLATION = Map.ofEntries(
            entry(EDIFACT_SYNTAX, UNSPECIFIED),
            entry(EDIFACT_SEGMENT_UNEXPECTED, NOT_SUPPORTED_IN_POSITION),
            entry(EDIFACT_SEGMENT_MISSING, MISSING),
            entry(EDIFACT_ELEMENT_MISSING, MISSING),
            entry(EDIFACT_ELEMENT_TOO_LONG, TOO_LONG),
            entry(EDIFACT_ELEMENT_INVALID, INVALID_VALUE),
            entry(EDIFACT_CHARACTER_INVALID, INVALID_CHARACTER),
            entry(EDIFACT_CHARSET_UNSUPPORTED, CHARACTER_SET_NOT_SUPPORTED),
            entry(EDIFACT_CONTROL_COUNT, CONTROL_COUNT),
            entry(EDIFACT_MESSAGE_UNSUPPORTED, VALUE_NOT_SUPPORTED),
            entry(EDIFACT_VALUE_UNMAPPABLE, VALUE_NOT_SUPPORTED),
            entry(EDIFACT_PAYLOAD_TOO_LARGE, UNSPECIFIED),
            entry(EDIFACT_INTERCHANGE_DUPLICATE, DUPLICATE),
            entry(ViolationCodes.UNKNOWN_SENDER, UNKNOWN_SENDER),
            entry(ViolationCodes.SENDER_MISMATCH, UNKNOWN_SENDER),
            entry(ViolationCodes.PARTY_SUSPENDED, NO_AGREEMENT),
            entry(ViolationCodes.DOCUMENT_TYPE_NOT_ALLOWED, NO_AGREEMENT),
            entry(ViolationCodes.MESSAGE_ID_CONFLICT, DUPLICATE));

    private SyntaxErrorCodes() {
    }

    /** The 0085 code for a violation code of the gateway. */
    public static String of(String violationCode) {
        return BY_VIOLATION.getOrDefault(violationCode, UNSPECIFIED);
    }

    /** The 0085 code for StAEDI's validation error, finer than the violation code it is reported under. */
    static String of(EDIStreamValidationError error, String violationCode) {
        if (error == null) {
            return of(violationCode);
        }
        return switch (error) {
            case DATA_ELEMENT_TOO_SHORT -> TOO_SHORT;
            case DATA_ELEMENT_TOO_LONG -> TOO_LONG;
            case TOO_MANY_DATA_ELEMENTS, TOO_MANY_COMPONENTS -> TOO_MANY_CONSTITUENTS;
            case TOO_MANY_REPETITIONS, SEGMENT_EXCEEDS_MAXIMUM_USE -> TOO_MANY_REPETITIONS;
            case LOOP_OCCURS_OVER_MAXIMUM_TIMES -> TOO_MANY_GROUP_REPETITIONS;
            case INVALID_CHARACTER_DATA -> INVALID_TYPE_OF_CHARACTER;
            case CONTROL_REFERENCE_MISMATCH -> REFERENCES_DO_NOT_MATCH;
            default -> of(violationCode);
        };
    }
}
