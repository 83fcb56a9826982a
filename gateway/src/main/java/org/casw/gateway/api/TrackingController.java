package org.casw.gateway.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One-click tracking: one timeline of every document and container event that carries a bill of
 * lading, container, entry id or certificate number, restricted to what the caller sent or received.
 * A busy container's timeline is long: it comes in pages of {@code size} steps (at most {@value #MAX_SIZE}),
 * with {@code next} (and a {@code Link} header) naming the following page while there is one.
 */
@RestController
@RequestMapping("/api/v1/track")
public class TrackingController {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 500;

    /**
     * The documents carrying the key and one page of their steps in time order; for a party, the milestones of other
     * parties on its own consignment besides ({@link ConsignmentTimeline}).
     *
     * @param documents  how many documents carry the key (all pages)
     * @param total      how many steps there are (all pages)
     * @param next       the next page's path and query, null on the last page
     * @param milestones other parties' container events on the caller's consignment (every page carries them all)
     */
    record Timeline(String key, int documents, List<ConsignmentTimeline.Step> steps, int page, int size, long total, String next,
            List<ConsignmentTimeline.Milestone> milestones) {
    }

    private final ConsignmentTimeline timeline;

    TrackingController(ConsignmentTimeline timeline) {
        this.timeline = timeline;
    }

    @GetMapping
    public ResponseEntity<?> track(@RequestParam String key, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size, Authentication party) {
        if (key.isBlank() || key.length() > 128) {
            return invalid("key must be a bill, container, entry id or certificate number of at most 128 characters.");
        }
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            return invalid("page must be >= 0 and size between 1 and " + MAX_SIZE + ".");
        }
        // operators have their own view in the console; through the API, everyone (operators too) sees its own documents
        String caller = party.getName();
        long all = timeline.stepCount(caller, key);
        String next = (long) (page + 1) * size < all
                ? "/api/v1/track?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&page=" + (page + 1) + "&size=" + size
                : null;
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (next != null) {
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(new Timeline(key, timeline.documents(caller, key), timeline.steps(caller, key, page, size), page, size, all,
                next, timeline.milestones(caller, key)));
    }

    private static ResponseEntity<?> invalid(String detail) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid parameter", detail));
    }
}
