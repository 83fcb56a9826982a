package org.casw.routes.rules;

/** Marks rules that consult documents the gateway already holds; they do not run offline. */
public interface CrossDocumentRules {
}
