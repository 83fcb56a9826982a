package org.casw.routes.transform.edifact;

import org.casw.routes.validation.ViolationCodes;
import org.junit.jupiter.api.Test;
import io.xlate.edi.stream.EDIStreamValidationError;

import static org.assertj.core.api.Assertions.assertThat;

/** The one table from the gateway's coded errors to CONTRL's syntax error codes (0085). */
class ContrlSyntaxErrorCodesTest {

    @Test
    void everyEdifactViolationCodeHasItsSyntaxErrorCode() {
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_ELEMENT_INVALID)).isEqualTo("12");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_ELEMENT_MISSING)).isEqualTo("13");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_SEGMENT_MISSING)).isEqualTo("13");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED)).isEqualTo("14");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE)).isEqualTo("14");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_SEGMENT_UNEXPECTED)).isEqualTo("15");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_CHARACTER_INVALID)).isEqualTo("21");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_INTERCHANGE_DUPLICATE)).isEqualTo("26");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_CONTROL_COUNT)).isEqualTo("29");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_ELEMENT_TOO_LONG)).isEqualTo("39");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_CHARSET_UNSUPPORTED)).isEqualTo("46");
        assertThat(SyntaxErrorCodes.of(EdifactViolationCodes.EDIFACT_SYNTAX)).isEqualTo("18");
    }

    @Test
    void theGatewaysAgreementAndDuplicateDecisionsHaveTheirs() {
        assertThat(SyntaxErrorCodes.of(ViolationCodes.DOCUMENT_TYPE_NOT_ALLOWED)).isEqualTo("17");
        assertThat(SyntaxErrorCodes.of(ViolationCodes.PARTY_SUSPENDED)).isEqualTo("17");
        assertThat(SyntaxErrorCodes.of(ViolationCodes.UNKNOWN_SENDER)).isEqualTo("23");
        assertThat(SyntaxErrorCodes.of(ViolationCodes.MESSAGE_ID_CONFLICT)).isEqualTo("26");
        assertThat(SyntaxErrorCodes.of("CONTAINER_CHECK_DIGIT")).as("a code the table does not name").isEqualTo("18");
    }

    @Test
    void stAedisFinerErrorsDecideWhereTheViolationCodeIsCoarse() {
        String invalid = EdifactViolationCodes.EDIFACT_ELEMENT_INVALID;
        assertThat(SyntaxErrorCodes.of(EDIStreamValidationError.DATA_ELEMENT_TOO_SHORT, invalid)).isEqualTo("40");
        assertThat(SyntaxErrorCodes.of(EDIStreamValidationError.TOO_MANY_COMPONENTS, invalid)).isEqualTo("16");
        assertThat(SyntaxErrorCodes.of(EDIStreamValidationError.TOO_MANY_DATA_ELEMENTS, invalid)).isEqualTo("16");
        assertThat(SyntaxErrorCodes.of(EDIStreamValidationError.TOO_MANY_REPETITIONS, invalid)).isEqualTo("35");
        assertThat(SyntaxErrorCodes.of(EDIStreamValidationError.SEGMENT_EXCEEDS_MAXIMUM_USE,
                EdifactViolationCodes.EDIFACT_SEGMENT_UNEXPECTED)).isEqualTo("35");
        assertThat(SyntaxErrorCodes.of(EDIStreamValidationError.LOOP_OCCURS_OVER_MAXIMUM_TIMES,
                EdifactViolationCodes.EDIFACT_SEGMENT_UNEXPECTED)).isEqualTo("36");
        assertThat(SyntaxErrorCodes.of(EDIStreamValidationError.INVALID_CHARACTER_DATA, invalid)).isEqualTo("37");
        assertThat(SyntaxErrorCodes.of(EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH,
                EdifactViolationCodes.EDIFACT_CONTROL_COUNT)).isEqualTo("28");
        assertThat(SyntaxErrorCodes.of(EDIStreamValidationError.INVALID_CODE_VALUE, invalid)).isEqualTo("12");
    }
}
