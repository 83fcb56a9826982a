package org.casw.routes.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.casw.routes.validation.Violation;

/** Collects every business-rule violation of a document; rules never stop at the first. */
public final class RuleViolations {

    private final List<Violation> violations = new ArrayList<>();

    public void add(String code, String path, String message) {
        violations.add(Violation.of(code, path, message));
    }

    public List<Violation> list() {
        return Collections.unmodifiableList(violations);
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }
}
