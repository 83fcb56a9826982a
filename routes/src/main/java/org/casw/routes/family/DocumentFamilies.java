package org.casw.routes.family;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casw.routes.document.DocumentType;

/** The document families the gateway carries, each holding what it knows of its types. */
public final class DocumentFamilies {

    private static final List<DocumentFamily> ALL = List.of(new Declarations(), new Manifests(), new CertificatesOfOrigin(),
            new AuthorisedOperators(), new TransportEvents(), new ServiceReports());
    private static final Map<DocumentType.Family, DocumentFamily> BY_FAMILY = new EnumMap<>(DocumentType.Family.class);

    static {
        ALL.forEach(f -> BY_FAMILY.put(f.family(), f));
        for (DocumentType.Family family : DocumentType.Family.values()) {
            if (!BY_FAMILY.containsKey(family)) {
                throw new IllegalStateException("No document family knows " + family);
            }
        }
    }

    private DocumentFamilies() {
    }

    /** The family a type belongs to. */
    public static DocumentFamily of(DocumentType type) {
        return BY_FAMILY.get(type.family());
    }

    /** Every family, in a fixed order. */
    public static List<DocumentFamily> all() {
        return ALL;
    }

    /** The routing facts every type offers; an agreement asking for another is refused at start-up. */
    public static Map<DocumentType, Set<String>> offeredFacts() {
        Map<DocumentType, Set<String>> offered = new EnumMap<>(DocumentType.class);
        ALL.forEach(f -> offered.putAll(f.offeredFacts()));
        return Collections.unmodifiableMap(offered);
    }
}
