package org.casw.routes.rules;

/**
 * The business rules of one document type, run after schema validation on its JAXB model.
 *
 * @param <T> the document's JAXB root class
 */
public interface DocumentRules<T> {

    Class<T> documentClass();

    /** Adds a violation per broken rule, each with its stable code and the offending element's path. */
    void check(T document, RuleViolations violations);
}
