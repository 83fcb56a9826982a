package org.casw.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.edifact.CodecoCoarriWriter;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.MessageType;
import org.casw.schemas.manifest.TransportEquipment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox Qinzhou port terminal (sandbox.port), over JMS as PORT-QINZHOU: when the gateway delivers
 * it an original import sea manifest (MT1101), it reports the discharge of each container after its delay; on
 * request ({@code POST /sandbox/port/gate-out}) it reports a discharged container's gate-out onto the sea-rail
 * train, which the gateway routes to customs and to the rail system. With {@code format: EDIFACT-D96B} (the
 * default) it sends them as a terminal does: discharge as COARRI, gate-out as CODECO (through
 * {@link CodecoCoarriWriter}); with {@code XML} as native container events.
 */
@RestController
@RequestMapping("/sandbox/port")
@ConditionalOnProperty(prefix = "sandbox.port", name = "enabled", havingValue = "true")
public class SandboxPort extends SandboxJmsParty {

    static final String TERMINAL = "QZ-DLP-T1";

    /** A container on the terminal: what its discharge report said. */
    record Discharged(String container, String sizeType, List<String> bills, List<String> seals) {
    }

    /** A gate-out request: the container, and the sea-rail train and its journey (defaults given). */
    public record GateOutRequest(String container, String train, String journey) {
    }

    private final Map<String, Discharged> yard = new ConcurrentHashMap<>();
    private final CodecoCoarriWriter edifact = new CodecoCoarriWriter();

    public SandboxPort(GatewayProperties properties, SandboxProperties sandbox, ConfiguredPartners partners) {
        super(SandboxParty.of("port", sandbox.port(), partners, false,
                Set.of(SandboxParty.NATIVE, SandboxParty.EDIFACT)), properties);
    }

    @Override
    void onDocument(String documentType, String trackingId, byte[] payload) {
        if (!DocumentType.MANIFEST.name().equals(documentType)) {
            return;
        }
        Manifest manifest = (Manifest) reader.read(DocumentType.MANIFEST, payload);
        if (manifest.getHead().getMessageType() != MessageType.MT_1101) {
            return; // discharge follows the original manifest; arrival reports and tallies need no answer here
        }
        var vessel = manifest.getDeclaration().getBorderTransportMeans();
        if (vessel.getID() == null) {
            return; // a manifest naming no vessel gives the terminal nothing to report discharges against
        }
        String batchId = nextBatchId("QZPORT-DIS");
        StringBuilder events = new StringBuilder();
        int n = 0;
        for (Consignment consignment : manifest.getDeclaration().getConsignment()) {
            for (TransportEquipment equipment : consignment.getTransportEquipment()) {
                String container = equipment.getEquipmentIdentification().getID();
                Discharged discharged = new Discharged(container, equipment.getCharacteristicCode(),
                        List.of(consignment.getTransportContractDocument().getID()), equipment.getSealID());
                yard.put(container, discharged);
                events.append(event(eventId(batchId, ++n), "DISCHARGE", discharged, "SEA", vessel.getID(), vessel.getJourneyID()));
            }
        }
        if (n > 0) {
            submitLater(batchId, "discharge of " + n + " container(s) from " + vessel.getName() + " " + vessel.getJourneyID(),
                    encode(batch(batchId, events)));
        }
    }

    /** The containers discharged at this terminal, for the console's sandbox page. */
    SortedSet<String> discharged() {
        return new TreeSet<>(yard.keySet());
    }

    /** Reports a discharged container's gate-out to rail (after the port's delay). */
    @PostMapping("/gate-out")
    public ResponseEntity<Map<String, Object>> gateOut(@RequestBody GateOutRequest request) {
        Discharged discharged = request == null || request.container() == null ? null : yard.get(request.container());
        if (discharged == null) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error",
                    "container " + (request == null ? null : request.container()) + " was not discharged at this terminal"));
        }
        String train = request.train() == null ? "X8083" : request.train();
        String journey = request.journey() == null ? "QZ-CQ-" + now().substring(0, 10).replace("-", "") + "-01" : request.journey();
        String batchId = nextBatchId("QZPORT-GO");
        byte[] report;
        try {
            report = encode(batch(batchId, event(eventId(batchId, 1), "GATE_OUT", discharged, "RAIL", train, journey)));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.unprocessableEntity().body(Map.of("error", e.getMessage()));
        }
        submitLater(batchId, "gate-out of " + discharged.container() + " to rail " + train, report);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("container", discharged.container());
        view.put("batchId", batchId);
        view.put("train", train);
        return ResponseEntity.accepted().body(view);
    }

    /**
     * The report in the port's format: native XML as it is, or the CODECO / COARRI the writer makes of it
     * (its references derive from the fresh batch id, so every send has its own).
     */
    private byte[] encode(String containerEvents) {
        byte[] xml = containerEvents.getBytes(StandardCharsets.UTF_8);
        if (!SandboxParty.EDIFACT.equals(party.format())) {
            return xml;
        }
        Translation translation = edifact.fromNative(DocumentType.CONTAINER_EVENT, xml);
        if (!translation.ok()) {
            // e.g. a journey longer than TDT 8028 takes: the terminal could not send it either
            throw new IllegalArgumentException("the report cannot be written as EDIFACT: "
                    + String.join("; ", translation.violations().stream().map(v -> v.path() + ": " + v.message()).toList()));
        }
        return translation.payload();
    }

    /** Event ids as CODECO and COARRI number them (batch id and the EQD group's number), in both formats alike. */
    private static String eventId(String batchId, int n) {
        return batchId + "-" + String.format("%02d", n);
    }

    private String batch(String batchId, CharSequence events) {
        return containerEvents(batchId, reporter(), events);
    }

    private static String event(String eventId, String type, Discharged c, String mode, String means, String journey) {
        return containerEvent(eventId, type, c.container(), c.sizeType(), TERMINAL, "TERMINAL", transportMeans(mode, means, journey),
                c.bills(), c.seals());
    }
}
