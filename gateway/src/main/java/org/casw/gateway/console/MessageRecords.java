package org.casw.gateway.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the console shows of a message beyond its history: the stored versions of its payload and its AS4 evidence. */
@Repository
class MessageRecords {

    /**
     * One stored version of the payload: 1 is what arrived; NATIVE the gateway's XML reading of a partner format;
     * OUTBOUND what was prepared (translated, signed) for {@code destination}.
     */
    public record PayloadVersion(int version, String kind, String destination, int size, Instant createdAt) {
    }

    /** The partner gateway's signed AS4 receipt for what the gateway sent it. */
    public record As4Receipt(String ebmsMessageId, String partner, String receiptMessageId, Instant receivedAt, String signer,
            String signerSerial) {
    }

    /** A message the gateway took in by AS4, with the receipt it answered. */
    public record As4Received(String ebmsMessageId, String partner, Instant firstSeen, Instant answeredAt) {
    }

    private final JdbcTemplate jdbc;

    MessageRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<PayloadVersion> versions(String trackingId) {
        return jdbc.query("select version, kind, destination, size, created_at from message_payload where tracking_id = ? order by version",
                (rs, n) -> new PayloadVersion(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), instant(rs.getTimestamp(5))),
                trackingId);
    }

    Optional<byte[]> payload(String trackingId, int version) {
        return jdbc.query("select body from message_payload where tracking_id = ? and version = ?", (rs, n) -> rs.getBytes(1),
                trackingId, version).stream().findFirst();
    }

    List<As4Receipt> as4Receipts(String trackingId) {
        return jdbc.query("""
                select ebms_message_id, partner, receipt_message_id, received_at, signer_subject, signer_serial
                from as4_sent_receipt where tracking_id = ?""",
                (rs, n) -> new As4Receipt(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)), rs.getString(5),
                        rs.getString(6)), trackingId);
    }

    List<As4Received> as4Received(String trackingId) {
        return jdbc.query("select ebms_message_id, partner, first_seen, answered_at from as4_received_message where tracking_id = ?",
                (rs, n) -> new As4Received(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4))),
                trackingId);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
