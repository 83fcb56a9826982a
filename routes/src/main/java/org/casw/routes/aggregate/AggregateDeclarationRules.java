package org.casw.routes.aggregate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.SchemaValidator;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.routes.validation.Violation;
import org.casw.schemas.aggregate.AggregateDeclaration;
import org.casw.schemas.aggregate.Consignment;
import org.casw.schemas.declaration.DecMessage;

/**
 * Business rules of an aggregate declaration: its own (period, consignments in the period, one
 * consignment per bill), then every consignment's composed declaration must pass the declaration
 * schema and every declaration rule; their violations are reported at the aggregate's own paths, so
 * one bad consignment refuses the whole submission before anything is split.
 */
public class AggregateDeclarationRules implements DocumentRules<AggregateDeclaration> {

    public static final String AGGREGATE_PERIOD_INVALID = "AGGREGATE_PERIOD_INVALID";
    public static final String CONSIGNMENT_OUTSIDE_PERIOD = "CONSIGNMENT_OUTSIDE_PERIOD";
    public static final String CONSIGNMENT_BILL_DUPLICATE = "CONSIGNMENT_BILL_DUPLICATE";

    private final ConsignmentDeclarations composer;
    private final Function<DecMessage, List<Violation>> declarationRules;

    /** @param declarationRules every rule a DECLARATION is checked against (offline or in the gateway) */
    public AggregateDeclarationRules(ConsignmentDeclarations composer, Function<DecMessage, List<Violation>> declarationRules) {
        this.composer = composer;
        this.declarationRules = declarationRules;
    }

    @Override
    public Class<AggregateDeclaration> documentClass() {
        return AggregateDeclaration.class;
    }

    @Override
    public void check(AggregateDeclaration aggregate, RuleViolations out) {
        LocalDate start = date(aggregate.getPeriod().getStart());
        LocalDate end = date(aggregate.getPeriod().getEnd());
        boolean period = start != null && end != null && !start.isAfter(end);
        if (!period) {
            out.add(AGGREGATE_PERIOD_INVALID, ConsignmentPaths.ROOT + "/Period", "Period " + aggregate.getPeriod().getStart() + "-"
                    + aggregate.getPeriod().getEnd() + " must be two calendar dates (yyyyMMdd), the start not after the end.");
        }
        Map<String, Integer> bills = new HashMap<>();
        List<Consignment> consignments = aggregate.getConsignment();
        for (int i = 0; i < consignments.size(); i++) {
            Consignment consignment = consignments.get(i);
            int n = i + 1;
            Integer first = bills.putIfAbsent(consignment.getBillNo(), n);
            if (first != null) {
                out.add(CONSIGNMENT_BILL_DUPLICATE, ConsignmentPaths.consignment(n) + "/BillNo", "Bill " + consignment.getBillNo()
                        + " is already consignment " + first + "; a bill is declared once per aggregate declaration.");
            }
            LocalDate moved = date(consignment.getIEDate());
            if (period && moved != null && (moved.isBefore(start) || moved.isAfter(end))) {
                out.add(CONSIGNMENT_OUTSIDE_PERIOD, ConsignmentPaths.consignment(n) + "/IEDate", "Consignment " + n + " moved on "
                        + moved + ", outside the declared period " + start + " to " + end + ".");
            }
        }
        checkDeclarations(aggregate, out);
    }

    private void checkDeclarations(AggregateDeclaration aggregate, RuleViolations out) {
        // header fields repeat in every declaration: report each broken one once
        Set<String> reported = new LinkedHashSet<>();
        List<DecMessage> declarations = composer.compose(aggregate);
        for (int i = 0; i < declarations.size(); i++) {
            int n = i + 1;
            DecMessage declaration = declarations.get(i);
            List<Violation> found = Schemas.VALIDATOR.validate(DocumentType.DECLARATION, composer.marshal(declaration));
            if (found.isEmpty()) {
                found = declarationRules.apply(declaration);
            }
            for (Violation v : found) {
                String path = ConsignmentPaths.toAggregate(v.path(), n);
                if (reported.add(v.code() + " " + path)) {
                    out.add(v.code(), path, path.startsWith(ConsignmentPaths.consignment(n))
                            ? "Consignment " + n + " (bill " + declaration.getDecHead().getBillNo() + "): " + v.message() : v.message());
                }
            }
        }
    }

    private static LocalDate date(String yyyymmdd) {
        if (yyyymmdd == null) {
            return null;
        }
        try {
            return LocalDate.parse(yyyymmdd, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The schema validator, compiled once on first use: the rules are built in several places, not all of them split. */
    private static final class Schemas {
        static final SchemaValidator VALIDATOR = new SchemaValidator();
    }
}
