package org.casw.gateway.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
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

    /** One step of one document on the timeline. */
    record Step(Instant at, String trackingId, String type, String status, String reason, String sender, String receiver) {
    }

    /**
     * The documents carrying the key and one page of their steps in time order.
     *
     * @param documents how many documents carry the key (all pages)
     * @param total     how many steps there are (all pages)
     * @param next      the next page's path and query, null on the last page
     */
    record Timeline(String key, int documents, List<Step> steps, int page, int size, long total, String next) {
    }

    private final JdbcTemplate jdbc;

    TrackingController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        String caller = party.getName();
        String documentsOfKey = """
                from message m where (m.sender = ? or m.receiver = ?)
                  and exists (select 1 from message_business_key k where k.tracking_id = m.tracking_id and k.value = ?)""";
        Integer documents = jdbc.queryForObject("select count(*) " + documentsOfKey, Integer.class, caller, caller, key);
        Long total = jdbc.queryForObject("select count(*) from message_transition t where t.tracking_id in (select m.tracking_id "
                + documentsOfKey + ")", Long.class, caller, caller, key);
        List<Step> steps = jdbc.query("""
                select t.at, m.tracking_id, m.document_type, t.status, t.reason, m.sender, m.receiver
                from message m join message_transition t on t.tracking_id = m.tracking_id
                where (m.sender = ? or m.receiver = ?)
                  and exists (select 1 from message_business_key k where k.tracking_id = m.tracking_id and k.value = ?)
                order by t.at, t.id
                limit ? offset ?""",
                (rs, n) -> new Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)),
                caller, caller, key, size, (long) page * size);
        long all = total == null ? 0 : total;
        String next = (long) (page + 1) * size < all
                ? "/api/v1/track?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&page=" + (page + 1) + "&size=" + size
                : null;
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (next != null) {
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(new Timeline(key, documents == null ? 0 : documents, steps, page, size, all, next));
    }

    private static ResponseEntity<?> invalid(String detail) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid parameter", detail));
    }
}
