package org.casw.routes.intake;

import java.util.List;
import org.apache.camel.Exchange;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;

/** Every XML Schema violation, with path, line and column; then every business-rule violation. */
final class Validate extends IntakeStep {

    private final DocumentValidator validator;

    Validate(DocumentValidator validator) {
        this.validator = validator;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        // one parse: schema validation, and the document read as it goes
        DocumentValidator.Checked checked = validator.check(intake.type, intake.payload);
        List<Violation> violations = checked.violations();
        if (!violations.isEmpty()) {
            throw DocumentRefused.byReading(violations, violations.size() + " schema violation(s)");
        }
        DocumentValidator.Read read = checked.read();
        intake.document = read.document();
        intake.keys = read.keys();
        List<Violation> broken = validator.ruleViolations(intake.type, intake.document);
        if (!broken.isEmpty()) {
            throw new DocumentRefused(IntakeResult.Outcome.INVALID, broken, broken.size() + " business rule violation(s)");
        }
    }
}
