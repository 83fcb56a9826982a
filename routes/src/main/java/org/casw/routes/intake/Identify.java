package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.casw.routes.document.DocumentType;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;

/** Knows the document by its root element and namespace, or refuses it: never guesses. */
final class Identify extends IntakeStep {

    private static final String SUPPORTED = supported();

    @Override
    void apply(Intake intake, Exchange exchange) {
        if (intake.type == null) {
            var root = intake.inspection.root();
            throw DocumentRefused.of(IntakeResult.Outcome.INVALID, Violation.of(ViolationCodes.UNKNOWN_DOCUMENT_TYPE,
                    "/" + root.getLocalPart(), "No document type has root element '" + root.getLocalPart()
                            + "' in namespace '" + root.getNamespaceURI() + "'. Supported: " + SUPPORTED + "."),
                    "unknown document type");
        }
        // a known type was stored with the arrival: nothing to record
    }

    private static String supported() {
        StringBuilder sb = new StringBuilder();
        for (DocumentType t : DocumentType.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append('{').append(t.root().getNamespaceURI()).append('}').append(t.root().getLocalPart());
        }
        return sb.toString();
    }
}
