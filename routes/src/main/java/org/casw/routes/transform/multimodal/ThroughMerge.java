package org.casw.routes.transform.multimodal;

import java.util.List;
import org.casw.routes.validation.Violation;
import org.casw.schemas.through.ThroughDocument;

/**
 * What merging two legs gave: the through document, or every reason the legs do not make one.
 *
 * @param document   the through document, or null when {@code violations} is not empty
 * @param violations every difference between the legs; empty on success
 */
public record ThroughMerge(ThroughDocument document, List<Violation> violations) {

    public ThroughMerge {
        violations = List.copyOf(violations);
        if (document == null == violations.isEmpty()) {
            throw new IllegalArgumentException("a merge gives either a document or violations");
        }
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}
