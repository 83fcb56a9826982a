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
import org.casw.routes.aggregate.AggregateDeclarationRules;
import org.casw.routes.aggregate.ConsignmentDeclarations;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.rules.aeo.AeoNoticeRules;
import org.casw.routes.rules.declaration.DeclarationRules;
import org.casw.routes.rules.declaration.ManifestAgreementRules;
import org.casw.routes.rules.declaration.ModificationRules;
import org.casw.routes.rules.declaration.PreferentialClaimRules;
import org.casw.routes.rules.declaration.TwoStepDeclarationRules;
import org.casw.routes.rules.event.ContainerEventRules;
import org.casw.routes.rules.manifest.ArrivalReportRules;
import org.casw.routes.rules.manifest.ManifestRules;
import org.casw.routes.rules.origin.OriginRules;
import org.casw.routes.rules.origin.UtilizationRules;
import org.casw.routes.validation.Violation;
import org.casw.schemas.declaration.DecMessage;

/** Which business rules apply to which document type; types without rules pass. */
public class BusinessRules {

    private final Map<DocumentType, List<DocumentRules<?>>> rules = new EnumMap<>(DocumentType.class);

    private final PreferentialClaimRules preferentialClaims;

    /** Offline rules only: what a single document can show by itself. */
    public BusinessRules() {
        this(null, new DocumentReader(), Clock.systemUTC());
    }

    /** With the gateway's records, cross-document rules run too ({@code records} null: offline). */
    public BusinessRules(TradeRecords records, DocumentReader reader, Clock clock) {
        register(DocumentType.DECLARATION, new DeclarationRules(clock));
        register(DocumentType.DECLARATION_MODIFICATION, new ModificationRules());
        register(DocumentType.MANIFEST, new ManifestRules(CodeLists.shared(), clock));
        register(DocumentType.CERTIFICATE_OF_ORIGIN, new OriginRules(clock));
        register(DocumentType.CONTAINER_EVENT, new ContainerEventRules(clock));
        register(DocumentType.AEO_STATUS, new AeoNoticeRules(CodeLists.shared(), clock));
        preferentialClaims = records == null ? null : new PreferentialClaimRules(records.certificates(), clock);
        if (records != null) {
            register(DocumentType.DECLARATION, new TwoStepDeclarationRules(records.declarations(), reader, clock));
            register(DocumentType.DECLARATION, preferentialClaims);
            register(DocumentType.DECLARATION, new ManifestAgreementRules(records.manifests(), reader));
            register(DocumentType.DECLARATION_MODIFICATION, new ModificationRules.Target(records.declarations()));
            register(DocumentType.MANIFEST, new ArrivalReportRules(records.manifests()));
            register(DocumentType.CERTIFICATE_UTILIZATION, new UtilizationRules(records.certificates()));
        }
        // each consignment's declaration is held to every declaration rule above, offline or in the gateway
        register(DocumentType.AGGREGATE_DECLARATION, new AggregateDeclarationRules(new ConsignmentDeclarations(),
                declaration -> check(DocumentType.DECLARATION, declaration)));
    }

    private void register(DocumentType type, DocumentRules<?> documentRules) {
        rules.computeIfAbsent(type, t -> new ArrayList<>()).add(documentRules);
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
