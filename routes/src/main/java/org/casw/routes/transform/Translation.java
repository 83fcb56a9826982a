package org.casw.routes.transform;

import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.validation.Violation;

/**
 * The result of a translation: the translated bytes and what they are, or why there are none.
 *
 * @param payload     translated document, or null when {@code violations} is not empty
 * @param type        native document type read or written (e.g. MANIFEST for a CUSCAR), null if unknown
 * @param contentType media type of {@code payload}, e.g. {@code application/xml} or {@code application/EDIFACT}
 * @param violations  every problem found; empty on success
 */
@SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
public record Translation(byte[] payload, DocumentType type, String contentType, List<Violation> violations) {

    public Translation {
        violations = List.copyOf(violations);
    }

    public static Translation of(byte[] payload, DocumentType type, String contentType) {
        return new Translation(payload, type, contentType, List.of());
    }

    public static Translation refused(DocumentType type, List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a refused translation needs at least one violation");
        }
        return new Translation(null, type, null, violations);
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}
