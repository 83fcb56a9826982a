package org.casw.routes.routing;

import java.util.List;
import java.util.Map;
import org.casw.routes.document.DocumentType;

/**
 * One line of a partner agreement's {@code receives:} list: the party receives documents of this type whose
 * facts match every condition (a fact's value must be one of the listed values; no conditions: all).
 */
public record RoutingRule(String receiver, DocumentType documentType, Map<String, List<String>> when) {

    public RoutingRule {
        when = when == null ? Map.of() : Map.copyOf(when);
    }

    public boolean matches(DocumentType type, RoutingFacts facts) {
        if (type != documentType) {
            return false;
        }
        for (Map.Entry<String, List<String>> condition : when.entrySet()) {
            String value = facts.get(condition.getKey()).orElse(null);
            if (value == null || condition.getValue().stream().noneMatch(value::equalsIgnoreCase)) {
                return false;
            }
        }
        return true;
    }
}
