package org.casw.routes.transform.edifact;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.casw.routes.validation.Violation;
import io.xlate.edi.schema.EDISimpleType;

/**
 * Checks, while a native document is written as EDIFACT, that each value fits the D.96B element it
 * goes into (length, UNOC character set) and collects a violation, with the native path, for each
 * that does not.
 */
final class Expressible {

    private final List<Violation> violations = new ArrayList<>();

    /** The value when it fits {@code element} (an..max, ISO 8859-1), else null and a violation. */
    String text(String value, int max, String path, String element) {
        if (value == null) {
            return null;
        }
        if (!fitsCharset(value)) {
            violations.add(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, path,
                    "'" + value + "' has characters outside syntax level UNOC (ISO 8859-1), which " + element + " is written in."));
            return null;
        }
        if (value.length() > max) {
            violations.add(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, path,
                    "'" + value + "' has " + value.length() + " characters; " + element + " takes at most an.." + max + "."));
            return null;
        }
        return value;
    }

    /** The value cut at spaces into at most {@code parts} components of {@code width}, else null and a violation. */
    String[] pieces(String value, int width, int parts, String path, String element) {
        if (value == null) {
            return null;
        }
        if (!fitsCharset(value)) {
            violations.add(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, path,
                    "'" + value + "' has characters outside syntax level UNOC (ISO 8859-1), which " + element + " is written in."));
            return null;
        }
        List<String> split = EdifactText.split(value, width, parts);
        if (split == null) {
            violations.add(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, path,
                    "'" + value + "' does not fit " + element + ": " + parts + " components of at most " + width
                            + " characters, cut at spaces."));
            return null;
        }
        return split.toArray(String[]::new);
    }

    /** The value when it is in the D.96B CUSCAR code list of {@code element} (e.g. 8273), else null and a violation. */
    String code(String value, String element, String path, String segmentElement) {
        if (value == null) {
            return null;
        }
        Set<String> codes = ((EDISimpleType) EdifactDirectory.D96B.schema("CUSCAR").getType("DE" + element)).getValueSet();
        if (!codes.isEmpty() && !codes.contains(value)) {
            violations.add(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, path,
                    "'" + value + "' is not a code of " + segmentElement + " (" + String.join(", ", new TreeSet<>(codes)) + ")."));
            return null;
        }
        return value;
    }

    /** The temperature as an n3 element (three digits, sign and decimal mark not counted), else null and a violation. */
    String n3(BigDecimal value, String path, String element) {
        String text = TemperatureSetting.toN3(value);
        if (text == null) {
            violations.add(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, path,
                    value.toPlainString() + " needs more than the three digits " + element + " (n3) takes."));
        }
        return text;
    }

    void refuse(String path, String message) {
        violations.add(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, path, message));
    }

    boolean ok() {
        return violations.isEmpty();
    }

    List<Violation> violations() {
        return violations;
    }

    private static boolean fitsCharset(String value) {
        return StandardCharsets.ISO_8859_1.newEncoder().canEncode(value);
    }
}
