package org.casw.sandbox;

import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.document.DocumentType;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.casw.schemas.event.EventType;
import org.casw.schemas.event.TransportMode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox Qinzhou rail freight system (sandbox.rail), over JMS as RAIL-QINZHOU: when the gateway
 * delivers it a terminal's gate-out onto a train, it reports, after its delay, the container's gate-in at the
 * port's rail station and its departure on that train.
 */
@RestController
@RequestMapping("/sandbox/rail")
@ConditionalOnProperty(prefix = "sandbox.rail", name = "enabled", havingValue = "true")
public class SandboxRail extends SandboxJmsParty {

    static final String STATION = "QZGD";

    public SandboxRail(GatewayProperties properties, SandboxProperties sandbox, ConfiguredPartners partners) {
        super(SandboxParty.of("rail", sandbox.rail(), partners, false), properties);
    }

    @Override
    void onDocument(String documentType, String trackingId, byte[] payload) {
        if (!DocumentType.CONTAINER_EVENT.name().equals(documentType)) {
            return;
        }
        ContainerEvents batch = (ContainerEvents) reader.read(DocumentType.CONTAINER_EVENT, payload);
        for (Event gateOut : batch.getEvent()) {
            if (gateOut.getEventType() != EventType.GATE_OUT || gateOut.getTransportMeans() == null
                    || gateOut.getTransportMeans().getMode() != TransportMode.RAIL) {
                continue;
            }
            String train = gateOut.getTransportMeans().getId();
            String batchId = nextBatchId("QZRAIL-DEP");
            String events = event(batchId + "-GI", "GATE_IN", gateOut, null) + event(batchId + "-DEP", "RAIL_DEPARTURE", gateOut, gateOut);
            submitLater(batchId, "departure of " + gateOut.getContainerNumber() + " on " + train,
                    containerEvents(batchId, reporter(), events));
        }
    }

    private static String event(String eventId, String type, Event from, Event train) {
        String means = train == null ? ""
                : transportMeans("RAIL", train.getTransportMeans().getId(), train.getTransportMeans().getJourneyId());
        return containerEvent(eventId, type, from.getContainerNumber(), from.getSizeType(), STATION, "RAIL_STATION", means,
                from.getBillNo(), from.getSealNo());
    }
}
