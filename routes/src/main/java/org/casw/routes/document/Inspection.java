package org.casw.routes.document;

import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.casw.routes.validation.Violation;

/**
 * What one read of a payload tells before it is stored: whether it is XML at all, its root element,
 * the document type that root identifies and the sender's own message id.
 */
public record Inspection(QName root, Optional<DocumentType> type, String messageId, List<Violation> violations) {

    public boolean wellFormed() {
        return violations.isEmpty();
    }

    public static Inspection malformed(Violation violation) {
        return new Inspection(null, Optional.empty(), null, List.of(violation));
    }
}
