package org.casw.gateway.as4;

import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.casw.gateway.observability.GatewayMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the AS4 channel keeps in PostgreSQL: the signed receipts partners returned for what the gateway
 * sent (non-repudiation of receipt) or that a receipt was not obtained, the ebMS message ids received with the
 * receipt answered for each (duplicate elimination that survives restarts), and every receipt the gateway issued.
 */
@Repository
public class As4Ledger {

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    /** @param meters counts the receipts stored, each once (org.casw.gateway.observability.GatewayMetrics#AS4_RECEIPTS) */
    public As4Ledger(JdbcTemplate jdbc, ObjectProvider<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.meters = meters.getIfAvailable();
    }

    /** A partner's verified receipt for a message the gateway sent. */
    @SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
    public record SentReceipt(String trackingId, String ebmsMessageId, String partner, String receiptMessageId, Instant receivedAt,
            String signerSubject, String signerSerial, byte[] receipt) {
    }

    /** A received message id and, once answered, the receipt the gateway gave for it. */
    @SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
    public record ReceivedMessage(String ebmsMessageId, String partner, String trackingId, byte[] receipt, String receiptMedia) {
    }

    /** A receipt the gateway issued for a message it received by AS4; {@code resend} when the message had been answered before. */
    public record IssuedReceipt(String receiptMessageId, String ebmsMessageId, String conversationId, String partner, String trackingId,
            Instant issuedAt, boolean resend, String receiptMedia) {
    }

    /** A delivery the partner acknowledged only as a duplicate of what it already held: its receipt was not obtained. */
    public record MissingReceipt(String trackingId, String ebmsMessageId, String partner, Instant answeredAt, String answer) {
    }

    /** Stores the receipt of a delivery; a second receipt for the same message (a resend) replaces nothing. */
    public void storeSentReceipt(String trackingId, String ebmsMessageId, String partner, String receiptMessageId, X509Certificate signer,
            byte[] receipt) {
        int stored = jdbc.update("""
                insert into as4_sent_receipt (tracking_id, ebms_message_id, partner, receipt_message_id, received_at, signer_subject,
                                              signer_serial, receipt)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (tracking_id) do nothing""",
                trackingId, ebmsMessageId, partner, receiptMessageId, Timestamp.from(Instant.now()),
                signer.getSubjectX500Principal().getName(), signer.getSerialNumber().toString(16), receipt);
        countReceipt(stored, partner, "received");
    }

    public Optional<SentReceipt> sentReceipt(String trackingId) {
        List<SentReceipt> found = jdbc.query("""
                select tracking_id, ebms_message_id, partner, receipt_message_id, received_at, signer_subject, signer_serial, receipt
                from as4_sent_receipt where tracking_id = ?""",
                (rs, n) -> new SentReceipt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getBytes(8)), trackingId);
        return found.stream().findFirst();
    }

    public Optional<ReceivedMessage> received(String ebmsMessageId) {
        return jdbc.query("select ebms_message_id, partner, tracking_id, receipt, receipt_media from as4_received_message"
                + " where ebms_message_id = ?",
                (rs, n) -> new ReceivedMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5)),
                ebmsMessageId).stream().findFirst();
    }

    /** The receipt answered for a received message, kept to answer a resend with the same receipt. */
    public void answered(String ebmsMessageId, String partner, String trackingId, byte[] receipt, String media) {
        int stored = jdbc.update("""
                insert into as4_received_message (ebms_message_id, partner, first_seen, tracking_id, receipt, receipt_media, answered_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (ebms_message_id) do update set partner = excluded.partner, tracking_id = excluded.tracking_id,
                    receipt = excluded.receipt, receipt_media = excluded.receipt_media, answered_at = excluded.answered_at
                where as4_received_message.receipt is null""",
                ebmsMessageId, partner, Timestamp.from(Instant.now()), trackingId, receipt, media, Timestamp.from(Instant.now()));
        countReceipt(stored, partner, "sent");
    }

    /**
     * Records a receipt the gateway issued for a received message, in one statement: the message id for duplicate elimination
     * (a first answer only), the receipt as evidence (every one, a resend's too) and a history line naming the ebMS ids.
     *
     * @return true when this was the first answer for the message id, false for a resend's
     */
    public boolean issued(String ebmsMessageId, String conversationId, String partner, String trackingId, String receiptMessageId,
            byte[] receipt, String media) {
        Timestamp now = Timestamp.from(Instant.now());
        Boolean resend = jdbc.queryForObject("""
                with first as (
                    insert into as4_received_message (ebms_message_id, partner, first_seen, tracking_id, receipt, receipt_media,
                                                      answered_at)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (ebms_message_id) do update set partner = excluded.partner, tracking_id = excluded.tracking_id,
                        receipt = excluded.receipt, receipt_media = excluded.receipt_media, answered_at = excluded.answered_at
                    where as4_received_message.receipt is null
                    returning 1),
                note as (
                    insert into message_transition (tracking_id, status, at, reason)
                    select tracking_id, status, ?, case when exists (select 1 from first) then ? else ? end
                    from message where tracking_id = ?)
                insert into as4_issued_receipt (receipt_message_id, ebms_message_id, conversation_id, partner, tracking_id, issued_at,
                                                resend, receipt, receipt_media)
                values (?, ?, ?, ?, ?, ?, not exists (select 1 from first), ?, ?)
                returning resend""", Boolean.class,
                ebmsMessageId, partner, now, trackingId, receipt, media, now,
                now, "AS4 user message " + ebmsMessageId + (conversationId == null ? "" : " (conversation " + conversationId + ")")
                        + " from " + partner + " answered with receipt " + receiptMessageId,
                "AS4 resend of " + ebmsMessageId + " from " + partner + " not taken in again; answered with receipt " + receiptMessageId,
                trackingId,
                receiptMessageId, ebmsMessageId, conversationId, partner, trackingId, now, receipt, media);
        boolean first = !Boolean.TRUE.equals(resend);
        countReceipt(first ? 1 : 0, partner, "sent");
        return first;
    }

    /** The receipts issued for a received message, oldest first, without their bytes. */
    public List<IssuedReceipt> issuedReceipts(String trackingId) {
        return jdbc.query("""
                select receipt_message_id, ebms_message_id, conversation_id, partner, tracking_id, issued_at, resend, receipt_media
                from as4_issued_receipt where tracking_id = ? order by issued_at, receipt_message_id""",
                (rs, n) -> new IssuedReceipt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getBoolean(7), rs.getString(8)), trackingId);
    }

    /** The bytes of a receipt issued for a received message, exactly as answered. */
    public Optional<byte[]> issuedReceipt(String trackingId, String receiptMessageId) {
        return jdbc.query("select receipt from as4_issued_receipt where tracking_id = ? and receipt_message_id = ?",
                (rs, n) -> rs.getBytes(1), trackingId, receiptMessageId).stream().findFirst();
    }

    /** Records that the partner answered a delivery as a duplicate of what it holds: delivered, receipt not obtained. */
    public void receiptNotObtained(String trackingId, String ebmsMessageId, String partner, String answer) {
        jdbc.update("""
                insert into as4_missing_receipt (tracking_id, ebms_message_id, partner, answered_at, answer) values (?, ?, ?, ?, ?)
                on conflict (tracking_id) do update set answered_at = excluded.answered_at, answer = excluded.answer""",
                trackingId, ebmsMessageId, partner, Timestamp.from(Instant.now()),
                answer.length() > 2000 ? answer.substring(0, 2000) : answer);
    }

    public Optional<MissingReceipt> missingReceipt(String trackingId) {
        return jdbc.query("select tracking_id, ebms_message_id, partner, answered_at, answer from as4_missing_receipt"
                + " where tracking_id = ?",
                (rs, n) -> new MissingReceipt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getString(5)), trackingId).stream().findFirst();
    }

    /** A receipt was obtained after all (an operator asked for evidence): the delivery is no longer missing one. */
    public void receiptObtained(String trackingId) {
        jdbc.update("delete from as4_missing_receipt where tracking_id = ?", trackingId);
    }

    /** A receipt stored for the first time (a resend's is not counted again). */
    private void countReceipt(int stored, String partner, String direction) {
        if (stored == 1 && meters != null) {
            meters.counter(GatewayMetrics.AS4_RECEIPTS, GatewayMetrics.PARTY, partner == null ? GatewayMetrics.UNKNOWN : partner,
                    GatewayMetrics.DIRECTION, direction).increment();
        }
    }

    public int countReceived() {
        return jdbc.queryForObject("select count(*) from as4_received_message", Integer.class);
    }

    /** Forgets message ids first seen before {@code before}; returns them. */
    public List<String> forgetReceivedBefore(Instant before) {
        return jdbc.queryForList("delete from as4_received_message where first_seen < ? returning ebms_message_id", String.class,
                Timestamp.from(before));
    }

    public List<ReceivedMessage> allReceived() {
        return jdbc.query("select ebms_message_id, partner, tracking_id, receipt, receipt_media from as4_received_message"
                + " order by first_seen",
                (rs, n) -> new ReceivedMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5)));
    }
}
