package org.casw.routes.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.family.DocumentFamilies;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.rules.declaration.PreferentialClaimRules;
import org.casw.routes.validation.Violation;
import org.casw.schemas.declaration.DecMessage;

/**
 * Which business rules apply to which document type, as each document family registers them; types without rules pass.
 */
public class BusinessRules {

    /** What a document family registers its types' rules with, in the order they run. */
    public interface Registration {

        /** The gateway's records, for cross-document rules; null offline (what a single document can show by itself). */
        TradeRecords records();

        DocumentReader reader();

        Clock clock();

        void add(DocumentType type, DocumentRules<?> rules);

        /** Every rule registered for a type, for rules that hold a document's parts to another type's rules. */
        List<Violation> check(DocumentType type, Object document);
    }

    private final Map<DocumentType, List<DocumentRules<?>>> rules = new EnumMap<>(DocumentType.class);

    private final PreferentialClaimRules preferentialClaims;

    /** Offline rules only: what a single document can show by itself. */
    public BusinessRules() {
        this(null, new DocumentReader(), Clock.systemUTC());
    }

    /** With the gateway's records, cross-document rules run too ({@code records} null: offline). */
    public BusinessRules(TradeRecords records, DocumentReader reader, Clock clock) {
        Registration registration = new Registration() {
            @Override
            public TradeRecords records() {
                return records;
            }

            @Override
            public DocumentReader reader() {
                return reader;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public void add(DocumentType type, DocumentRules<?> documentRules) {
                rules.computeIfAbsent(type, t -> new ArrayList<>()).add(documentRules);
            }

            @Override
            public List<Violation> check(DocumentType type, Object document) {
                return BusinessRules.this.check(type, document);
            }
        };
        DocumentFamilies.all().forEach(family -> family.registerRules(registration));
        preferentialClaims = rules.getOrDefault(DocumentType.DECLARATION, List.of()).stream()
                .filter(PreferentialClaimRules.class::isInstance).map(PreferentialClaimRules.class::cast).findFirst().orElse(null);
    }

    /** Every rule code of the registered rules: their public String constants named as their value. */
    public Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        rules.values().stream().flatMap(List::stream).forEach(r -> {
            for (Field field : r.getClass().getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    try {
                        String value = (String) field.get(null);
                        if (field.getName().equals(value)) {
                            codes.add(value);
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });
        return codes;
    }

    /** The certificate-of-origin claims a valid declaration makes (none offline). */
    public List<CertificateRegistry.Claim> preferentialClaims(DecMessage declaration) {
        return preferentialClaims == null ? List.of() : preferentialClaims.claims(declaration, new RuleViolations());
    }

    public List<Violation> check(DocumentType type, Object document) {
        RuleViolations violations = new RuleViolations();
        for (DocumentRules<?> forType : rules.getOrDefault(type, List.of())) {
            run(forType, document, violations);
        }
        return violations.list();
    }

    private static <T> void run(DocumentRules<T> rules, Object document, RuleViolations violations) {
        rules.check(rules.documentClass().cast(document), violations);
    }
}
