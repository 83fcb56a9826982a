package org.casw.routes.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.casw.routes.document.DocumentType;
import org.casw.routes.rules.declaration.DeclarationRules;
import org.casw.routes.validation.Violation;

/** Which business rules apply to which document type; types without rules pass. */
public class BusinessRules {

    private final Map<DocumentType, DocumentRules<?>> rules = new HashMap<>();

    public BusinessRules() {
        rules.put(DocumentType.DECLARATION, new DeclarationRules());
    }

    /** Every rule code of the registered rules (their public String constants), for documentation and tests. */
    public Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        for (DocumentRules<?> r : rules.values()) {
            for (Field field : r.getClass().getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    try {
                        codes.add((String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return codes;
    }

    public List<Violation> check(DocumentType type, Object document) {
        DocumentRules<?> forType = rules.get(type);
        if (forType == null) {
            return List.of();
        }
        RuleViolations violations = new RuleViolations();
        run(forType, document, violations);
        return violations.list();
    }

    private static <T> void run(DocumentRules<T> rules, Object document, RuleViolations violations) {
        rules.check(rules.documentClass().cast(document), violations);
    }
}
