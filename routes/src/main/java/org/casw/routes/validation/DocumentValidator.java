package org.casw.routes.validation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.Inspection;
import org.casw.routes.document.SchemaValidator;
import org.casw.routes.document.XmlInspector;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.rules.BusinessRules;
import org.casw.routes.rules.TradeRecords;
import org.casw.schemas.declaration.DecMessage;

/**
 * Everything the gateway checks in a document, in order: well-formed, known type, schema, business
 * rules. The intake route runs the stages one by one (persisting between them); the command-line
 * {@code validate} runs them all at once. Built once: schemas and JAXB contexts are expensive.
 */
public class DocumentValidator {

    /** A document read after it passed its schema. */
    public record Read(Object document, BusinessKeys keys) {
    }

    /** The outcome of a full check. */
    public record Report(DocumentType type, String messageId, List<Violation> violations) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private final XmlInspector inspector = new XmlInspector();
    private final SchemaValidator schemas = new SchemaValidator();
    private final DocumentReader reader = new DocumentReader();
    private final BusinessRules rules;

    /** Offline: every rule a document can show by itself (the validate command). */
    public DocumentValidator() {
        this(null, Clock.systemUTC());
    }

    /** In the gateway: cross-document rules consult what the gateway already holds. */
    public DocumentValidator(TradeRecords records, Clock clock) {
        this.rules = new BusinessRules(records, reader, clock);
    }

    /** The certificate-of-origin claims of a declaration that passed its rules. */
    public List<CertificateRegistry.Claim> preferentialClaims(DecMessage declaration) {
        return rules.preferentialClaims(declaration);
    }

    public Inspection inspect(byte[] payload) {
        return inspector.inspect(payload);
    }

    public List<Violation> schemaViolations(DocumentType type, byte[] payload) {
        return schemas.validate(type, payload);
    }

    /** Schema violations, or (when there are none) the document read in the same parse. */
    public record Checked(List<Violation> violations, Read read) {
    }

    /** Validates against the type's schema and reads the document in one pass (the intake's path). */
    public Checked check(DocumentType type, byte[] payload) {
        var handler = reader.handler();
        List<Violation> violations = schemas.validate(type, payload, handler);
        if (!violations.isEmpty()) {
            return new Checked(violations, null);
        }
        Object document = reader.result(type, handler);
        return new Checked(List.of(), new Read(document, reader.keysOf(type, document)));
    }

    public Read read(DocumentType type, byte[] payload) {
        Object document = reader.read(type, payload);
        return new Read(document, reader.keysOf(type, document));
    }

    public DocumentReader.ReceiptFacts receiptFacts(DocumentType type, Object document) {
        return reader.receiptFacts(type, document);
    }

    public List<Violation> ruleViolations(DocumentType type, Object document) {
        return rules.check(type, document);
    }

    public Report validate(byte[] payload) {
        Inspection inspection = inspect(payload);
        if (!inspection.wellFormed()) {
            return new Report(null, null, inspection.violations());
        }
        if (inspection.type().isEmpty()) {
            return new Report(null, null, List.of(Violation.of(ViolationCodes.UNKNOWN_DOCUMENT_TYPE,
                    "/" + inspection.root().getLocalPart(), "No document type has root element '" + inspection.root().getLocalPart()
                            + "' in namespace '" + inspection.root().getNamespaceURI() + "'.")));
        }
        DocumentType type = inspection.type().get();
        Checked checked = check(type, payload);
        List<Violation> violations = new ArrayList<>(checked.violations());
        if (violations.isEmpty()) {
            violations.addAll(ruleViolations(type, checked.read().document()));
        }
        return new Report(type, inspection.messageId(), violations);
    }
}
