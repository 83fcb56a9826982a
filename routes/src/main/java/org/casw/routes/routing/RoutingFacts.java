package org.casw.routes.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casw.routes.document.DocumentType;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.rules.CodeLists;
import org.casw.schemas.aeo.AeoStatusNotice;
import org.casw.schemas.declaration.DecHead;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.schemas.origin.CertificateUtilization;

/**
 * What routing rules may ask of a document's content: its direction, message type, the countries of a
 * certificate of origin. Each fact has a name used in agreements ({@code when: {direction: [IMPORT]}}).
 */
public final class RoutingFacts {

    /** The facts each document type offers; an agreement asking for another is refused at start-up. */
    public static final Map<DocumentType, Set<String>> OFFERED = Map.ofEntries(
            // lane: FAST for a declaration of a recognised AEO enterprise, else NORMAL (see AeoLanes)
            Map.entry(DocumentType.DECLARATION, Set.of("direction", "customs-office", "declaration-kind", "destination-country", "lane")),
            Map.entry(DocumentType.DECLARATION_MODIFICATION, Set.of()),
            Map.entry(DocumentType.MANIFEST, Set.of("message-type", "direction", "mode")),
            Map.entry(DocumentType.CERTIFICATE_OF_ORIGIN, Set.of("agreement", "form-type", "exporting-country", "importing-country")),
            Map.entry(DocumentType.CERTIFICATE_UTILIZATION, Set.of("importing-country", "exporting-country")),
            Map.entry(DocumentType.CONTAINER_EVENT, Set.of("event-type", "mode")),
            Map.entry(DocumentType.AEO_STATUS, Set.of("issuing-country")),
            Map.entry(DocumentType.DECLARATION_RECEIPT, Set.of()),
            Map.entry(DocumentType.MANIFEST_RECEIPT, Set.of()),
            Map.entry(DocumentType.AGGREGATE_DECLARATION, Set.of()),
            Map.entry(DocumentType.AGGREGATE_RECEIPT, Set.of()));

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

    /** Reads the facts of a validated document; the registry tells which country issued a used certificate. */
    public static RoutingFacts read(DocumentType type, Object document, CertificateRegistry registry) {
        Map<String, String> f = new LinkedHashMap<>();
        switch (type) {
            case DECLARATION -> {
                DecHead head = ((DecMessage) document).getDecHead();
                put(f, "direction", head.getIEFlag() == null ? null : "I".equals(head.getIEFlag().value()) ? "IMPORT" : "EXPORT");
                put(f, "customs-office", head.getCustomMaster());
                String kind = head.getType();
                put(f, "declaration-kind", kind == null || kind.length() < 3 ? "ORDINARY"
                        : kind.charAt(2) == '5' ? "SUMMARY" : kind.charAt(2) == '6' ? "COMPLETE" : "ORDINARY");
                // where the goods go (first item, ISO alpha-2): export declarations reach that country's window
                DecMessage declaration = (DecMessage) document;
                if (declaration.getDecLists() != null && !declaration.getDecLists().getDecList().isEmpty()) {
                    String alpha3 = declaration.getDecLists().getDecList().get(0).getDestinationCountry();
                    put(f, "destination-country", alpha3 == null ? null : CodeLists.shared().alpha2Of(alpha3).orElse(alpha3));
                }
            }
            case MANIFEST -> {
                String messageType = ((Manifest) document).getHead().getMessageType().value();
                put(f, "message-type", messageType);
                put(f, "direction", messageType.startsWith("MT1") || messageType.startsWith("MT3") ? "IMPORT" : "EXPORT");
                put(f, "mode", messageType.endsWith("401") ? "RAIL" : "SEA");
            }
            case CERTIFICATE_OF_ORIGIN -> {
                CertificateOfOrigin co = (CertificateOfOrigin) document;
                put(f, "agreement", co.getAgreement() == null ? null : co.getAgreement().value());
                put(f, "form-type", co.getFormType() == null ? null : co.getFormType().value());
                put(f, "exporting-country", co.getExportingCountry());
                put(f, "importing-country", co.getImportingCountry());
            }
            case CERTIFICATE_UTILIZATION -> {
                CertificateUtilization notice = (CertificateUtilization) document;
                put(f, "importing-country", notice.getImportingCountry());
                // the notice goes back to the side that issued the certificate
                registry.find(notice.getCertificateNo()).ifPresent(c -> put(f, "exporting-country", c.exportingCountry()));
            }
            case AEO_STATUS -> put(f, "issuing-country", ((AeoStatusNotice) document).getIssuingCountry());
            case CONTAINER_EVENT -> {
                List<Event> events = ((ContainerEvents) document).getEvent();
                if (!events.isEmpty()) {
                    Event first = events.get(0);
                    put(f, "event-type", first.getEventType() == null ? null : first.getEventType().value());
                    put(f, "mode", first.getTransportMeans() == null || first.getTransportMeans().getMode() == null ? null
                            : first.getTransportMeans().getMode().value());
                }
            }
            default -> {
                // receipts go back to the original sender; modifications carry nothing routing needs
            }
        }
        return new RoutingFacts(f);
    }

    private static void put(Map<String, String> facts, String name, String value) {
        if (value != null && !value.isBlank()) {
            facts.put(name, value);
        }
    }
}
