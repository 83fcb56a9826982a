package org.casw.gateway.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.casw.gateway.persistence.JdbcSeaRailLegs;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.multimodal.ManifestLeg;
import org.casw.routes.transform.multimodal.SeaRailMerger;
import org.casw.routes.transform.multimodal.ThroughDocumentWriter;
import org.casw.routes.transform.multimodal.ThroughMerge;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.manifest.Manifest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sea-rail "one document": the through document merged from the sea and rail manifests of a container
 * or bill that the caller sent or received, with the containers' events from both legs. The events come in pages
 * of {@code size} event batches (oldest first, at most {@value #MAX_SIZE}); while there are more, a
 * {@code Link: <...>; rel="next"} header names the next page. Only the newest manifests carrying the key are read.
 */
@RestController
@RequestMapping("/api/v1/through-documents")
public class ThroughDocumentController {

    /** Code of the 422 answer when the legs do not make one document; each violation has its own code. */
    static final String THROUGH_DOCUMENT_REFUSED = "THROUGH_DOCUMENT_REFUSED";
    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 500;

    private final JdbcSeaRailLegs legs;
    private final DocumentReader reader = new DocumentReader();
    private final SeaRailMerger merger = new SeaRailMerger();
    private final ThroughDocumentWriter writer = new ThroughDocumentWriter();

    ThroughDocumentController(JdbcSeaRailLegs legs) {
        this.legs = legs;
    }

    @GetMapping
    public ResponseEntity<?> throughDocument(@RequestParam(required = false) String container,
            @RequestParam(required = false) String bill, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size, Authentication party) {
        if ((container == null) == (bill == null) || invalid(container) || invalid(bill)) {
            return problem(Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid parameter",
                    "Give exactly one of container or bill, of at most 35 characters."));
        }
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            return problem(Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid parameter",
                    "page must be >= 0 and size (event batches per page) between 1 and " + MAX_SIZE + "."));
        }
        String caller = party.getName();
        Optional<List<ManifestLeg>> pair = container != null ? byContainer(container, caller) : byBill(bill, caller);
        if (pair.isEmpty()) {
            return problem(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No sea and rail manifests",
                    "No sea manifest and rail manifest that you sent or received carry " + (container != null ? "container "
                            + container : "bill " + bill) + "."));
        }
        ManifestLeg one = pair.get().get(0);
        ManifestLeg other = pair.get().get(1);
        Set<String> containers = new LinkedHashSet<>();
        one.cargo().getTransportEquipment().forEach(e -> containers.add(e.getEquipmentIdentification().getID()));
        // one more than the page holds says whether a next page exists
        List<byte[]> batches = legs.containerEvents(containers, caller, (long) page * size, size + 1);
        boolean more = batches.size() > size;
        List<ContainerEvents> events = batches.stream().limit(size)
                .map(payload -> (ContainerEvents) reader.read(DocumentType.CONTAINER_EVENT, payload)).toList();
        ThroughMerge merge = merger.merge(one, other, events);
        if (!merge.ok()) {
            return problem(Problems.document(HttpStatus.UNPROCESSABLE_ENTITY, THROUGH_DOCUMENT_REFUSED,
                    "The legs do not make one through document", null, merge.violations()));
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_XML);
        if (more) {
            String next = "/api/v1/through-documents?" + (container != null ? "container=" + encode(container) : "bill=" + encode(bill))
                    + "&page=" + (page + 1) + "&size=" + size;
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(writer.write(merge.document()));
    }

    /** The newest sea and the newest rail consignment listing the container (containers travel often: stop at the first of each). */
    private Optional<List<ManifestLeg>> byContainer(String container, String caller) {
        Optional<ManifestLeg> sea = Optional.empty();
        Optional<ManifestLeg> rail = Optional.empty();
        for (JdbcSeaRailLegs.HeldManifest held : legs.manifests("CONTAINER_NO", container, caller)) {
            Optional<ManifestLeg> leg = ManifestLeg.ofContainer(held.trackingId(), read(held), container);
            if (leg.isPresent() && leg.get().rail() && rail.isEmpty()) {
                rail = leg;
            } else if (leg.isPresent() && !leg.get().rail() && sea.isEmpty()) {
                sea = leg;
            }
            if (sea.isPresent() && rail.isPresent()) {
                return Optional.of(List.of(sea.get(), rail.get()));
            }
        }
        return Optional.empty();
    }

    /** The newest consignment of the bill, and the newest consignment of the other mode listing one of its containers. */
    private Optional<List<ManifestLeg>> byBill(String bill, String caller) {
        List<ManifestLeg> billed = legsOf(legs.manifests("BILL_NO", bill, caller), m -> ManifestLeg.ofBill(m.trackingId(), read(m), bill));
        if (billed.isEmpty()) {
            return Optional.empty();
        }
        ManifestLeg leg = billed.get(0);
        // a through bill may be the same number on both legs
        Optional<ManifestLeg> sameBill = billed.stream().filter(l -> l.rail() != leg.rail()).findFirst();
        if (sameBill.isPresent()) {
            return Optional.of(List.of(leg, sameBill.get()));
        }
        for (var equipment : leg.cargo().getTransportEquipment()) {
            String container = equipment.getEquipmentIdentification().getID();
            Optional<ManifestLeg> other = legsOf(legs.manifests("CONTAINER_NO", container, caller),
                    m -> ManifestLeg.ofContainer(m.trackingId(), read(m), container)).stream().filter(l -> l.rail() != leg.rail())
                            .findFirst();
            if (other.isPresent()) {
                return Optional.of(List.of(leg, other.get()));
            }
        }
        return Optional.empty();
    }

    private static List<ManifestLeg> legsOf(List<JdbcSeaRailLegs.HeldManifest> held,
            Function<JdbcSeaRailLegs.HeldManifest, Optional<ManifestLeg>> leg) {
        List<ManifestLeg> found = new ArrayList<>();
        held.forEach(m -> leg.apply(m).ifPresent(found::add));
        return found;
    }

    private Manifest read(JdbcSeaRailLegs.HeldManifest held) {
        return (Manifest) reader.read(DocumentType.MANIFEST, held.payload());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean invalid(String value) {
        return value != null && (value.isBlank() || value.length() > 35);
    }

    private static ResponseEntity<?> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
