package org.casw.routes.document;

import java.util.List;

/** Test support for every family: the production schema validator and reader, built once. */
public final class TestDocuments {

    private static final SchemaValidator SCHEMAS = new SchemaValidator();
    private static final DocumentReader READER = new DocumentReader();

    private TestDocuments() {
    }

    /** Schema errors as "line:column message"; empty when the payload is schema-valid. */
    public static List<String> schemaErrors(DocumentType type, byte[] payload) {
        return SCHEMAS.validate(type, payload).stream().map(v -> v.line() + ":" + v.column() + " " + v.message()).toList();
    }

    public static Object read(DocumentType type, byte[] payload) {
        return READER.read(type, payload);
    }
}
