package org.casw.gateway.api;

import java.time.Instant;
import java.util.List;
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
 */
@RestController
@RequestMapping("/api/v1/track")
public class TrackingController {

    /** One step of one document on the timeline. */
    record Step(Instant at, String trackingId, String type, String status, String reason, String sender, String receiver) {
    }

    /** The documents carrying the key and their steps in time order. */
    record Timeline(String key, int documents, List<Step> steps) {
    }

    private final JdbcTemplate jdbc;

    TrackingController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    public ResponseEntity<?> track(@RequestParam String key, Authentication party) {
        if (key.isBlank() || key.length() > 128) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid parameter",
                            "key must be a bill, container, entry id or certificate number of at most 128 characters."));
        }
        List<Step> steps = jdbc.query("""
                select t.at, m.tracking_id, m.document_type, t.status, t.reason, m.sender, m.receiver
                from message m join message_transition t on t.tracking_id = m.tracking_id
                where (m.sender = ? or m.receiver = ?)
                  and exists (select 1 from message_business_key k where k.tracking_id = m.tracking_id and k.value = ?)
                order by t.at, t.id""",
                (rs, n) -> new Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)),
                party.getName(), party.getName(), key);
        int documents = (int) steps.stream().map(Step::trackingId).distinct().count();
        return ResponseEntity.ok(new Timeline(key, documents, steps));
    }
}
