package org.casw.routes.family;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentType;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.rules.BusinessRules;
import org.casw.routes.rules.event.ContainerEventKeys;
import org.casw.routes.rules.event.ContainerEventRules;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;

/** The container events ports and rail operators share (gate in and out, loading, discharge). */
final class TransportEvents implements DocumentFamily {

    @Override
    public DocumentType.Family family() {
        return DocumentType.Family.TRANSPORT_EVENTS;
    }

    @Override
    public BusinessKeys keysOf(DocumentType type, Object document) {
        return ContainerEventKeys.keysOf((ContainerEvents) document);
    }

    @Override
    public Map<DocumentType, Set<String>> offeredFacts() {
        return Map.of(DocumentType.CONTAINER_EVENT, Set.of("event-type", "mode"));
    }

    @Override
    public void registerRules(BusinessRules.Registration rules) {
        rules.add(DocumentType.CONTAINER_EVENT, new ContainerEventRules(rules.clock()));
    }

    /** A batch is routed by its first event. */
    @Override
    public RoutingFacts routingFacts(DocumentType type, Object document, CertificateRegistry registry) {
        RoutingFacts.Builder facts = RoutingFacts.builder();
        List<Event> events = ((ContainerEvents) document).getEvent();
        if (!events.isEmpty()) {
            Event first = events.get(0);
            facts.fact("event-type", first.getEventType() == null ? null : first.getEventType().value())
                    .fact("mode", first.getTransportMeans() == null || first.getTransportMeans().getMode() == null ? null
                            : first.getTransportMeans().getMode().value());
        }
        return facts.build();
    }
}
