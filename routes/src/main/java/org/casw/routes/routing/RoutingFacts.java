package org.casw.routes.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casw.routes.document.DocumentType;
import org.casw.routes.family.DocumentFamilies;
import org.casw.routes.registry.CertificateRegistry;

/**
 * What routing rules may ask of a document's content: its direction, message type, the countries of a
 * certificate of origin. Each fact has a name used in agreements ({@code when: {direction: [IMPORT]}}).
 */
public final class RoutingFacts {

    /** The facts each document type offers (see each family); an agreement asking for another is refused at start-up. */
    public static final Map<DocumentType, Set<String>> OFFERED = DocumentFamilies.offeredFacts();

    private final Map<String, String> facts;

    private RoutingFacts(Map<String, String> facts) {
        this.facts = Map.copyOf(facts);
    }

    public static RoutingFacts of(Map<String, String> facts) {
        return new RoutingFacts(facts);
    }

    /** These facts and one more, which the gateway knows beside the document (a declaration's lane). */
    public RoutingFacts with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(facts);
        put(more, name, value);
        return new RoutingFacts(more);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(facts.get(name));
    }

    public Map<String, String> asMap() {
        return facts;
    }

    /** Reads the facts of a validated document: its family knows them; the registry tells which country issued a used certificate. */
    public static RoutingFacts read(DocumentType type, Object document, CertificateRegistry registry) {
        return DocumentFamilies.of(type).routingFacts(type, document, registry);
    }

    /** Facts as a family reads them from a document: a fact without a value is left out. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects facts in the order read. */
    public static final class Builder {
        private final Map<String, String> facts = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder fact(String name, String value) {
            put(facts, name, value);
            return this;
        }

        public RoutingFacts build() {
            return new RoutingFacts(facts);
        }
    }

    private static void put(Map<String, String> facts, String name, String value) {
        if (value != null && !value.isBlank()) {
            facts.put(name, value);
        }
    }
}
