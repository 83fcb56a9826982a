package org.casw.routes.validation;

/**
 * One reason a document was refused: a stable code, the element it concerns and an English message.
 *
 * @param code    stable across languages and releases (see {@link ViolationCodes})
 * @param path    the offending element, e.g. {@code /DecMessage/DecHead/BillNo}, or null if not tied to one
 * @param message English explanation for a person
 * @param line    1-based line in the submitted payload, or null where unknown
 * @param column  1-based column in the submitted payload, or null where unknown
 */
public record Violation(String code, String path, String message, Integer line, Integer column) {

    public static Violation of(String code, String path, String message) {
        return new Violation(code, path, message, null, null);
    }
}
