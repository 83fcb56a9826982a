package org.casw.gateway.retention;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.casw.gateway.persistence.BinaryPayloads;
import org.springframework.jdbc.core.JdbcTemplate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Where purged documents are kept: one zip per document, {@code <archive-dir>/<day received, UTC>/<tracking id>.zip},
 * holding {@code document.json} (every message of the document: its row, business keys, history, violations, and
 * what each payload file is) and every payload version and AS4 receipt as a file of its own. A zip is written under a
 * temporary name, forced to disk and renamed, so a crash leaves either the whole file or none, and only then is the
 * document purged. Writing the same document again replaces its zip.
 */
public class MessageArchive {

    /** The name inside each zip of the document's description. */
    public static final String DESCRIPTION = "document.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final JdbcTemplate jdbc;

    public MessageArchive(Path directory, JdbcTemplate jdbc) {
        this.directory = directory;
        this.jdbc = jdbc;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes the document and its messages (the original, its copies for further receivers, an aggregate's parts and
     * theirs) to its zip, durably.
     *
     * @return the zip written
     * @throws IOException if the zip cannot be written completely; then no zip of this document is left behind
     *                     except an earlier complete one
     */
    public Path write(String document, List<String> messages, Instant receivedAt, Instant purgedAt) throws IOException {
        Path day = directory.resolve(receivedAt.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        Files.createDirectories(day);
        Path zip = day.resolve(document + ".zip");
        Path temporary = day.resolve("." + document + ".zip.tmp");
        try (FileOutputStream file = new FileOutputStream(temporary.toFile());
                ZipOutputStream out = new ZipOutputStream(file)) {
            List<Map<String, Object>> described = new ArrayList<>();
            for (String trackingId : messages) {
                described.add(describe(trackingId));
            }
            for (Map<String, Object> message : described) {
                writeFiles(out, (String) message.get("tracking_id"), message);
            }
            // last, so it names each file as written (its extension follows what the payload is)
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("document", document);
            description.put("purgedAt", purgedAt.toString());
            description.put("messages", described);
            entry(out, DESCRIPTION, JSON.writeValueAsBytes(description));
            out.finish();
            file.getChannel().force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, zip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // the rename itself is durable only once the directory is
        try (FileChannel dir = FileChannel.open(day, StandardOpenOption.READ)) {
            dir.force(true);
        }
        return zip;
    }

    private Map<String, Object> describe(String trackingId) {
        Map<String, Object> message = jdbc.query("select * from message where tracking_id = ?",
                rs -> rs.next() ? row(rs) : null, trackingId);
        if (message == null) {
            throw new IllegalStateException("Message " + trackingId + " vanished while being archived");
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        jdbc.query("select kind, value from message_business_key where tracking_id = ? order by kind, value",
                rs -> {
                    keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, trackingId);
        message.put("businessKeys", keys);
        message.put("history", jdbc.query("select status, at, reason from message_transition where tracking_id = ? order by id",
                (rs, n) -> row(rs), trackingId));
        message.put("violations", jdbc.query("""
                select position, code, path, message, line, col from message_violation where tracking_id = ? order by position""",
                (rs, n) -> row(rs), trackingId));
        message.put("payloads", jdbc.query("""
                select version, kind, destination, sha256, size, created_at from message_payload where tracking_id = ?
                order by version""", (rs, n) -> {
            Map<String, Object> payload = row(rs);
            payload.put("file", trackingId + "/" + rs.getInt(1) + "-" + rs.getString(2).toLowerCase(Locale.ROOT));
            return payload;
        }, trackingId));
        jdbc.query("""
                select ebms_message_id, partner, receipt_message_id, received_at, signer_subject, signer_serial
                from as4_sent_receipt where tracking_id = ?""", rs -> {
            Map<String, Object> receipt = row(rs);
            receipt.put("file", trackingId + "/as4-receipt");
            message.put("as4Receipt", receipt);
        }, trackingId);
        return message;
    }

    /** Each payload on its own, read one at a time: a document's versions together may be larger than the heap allows. */
    @SuppressWarnings("unchecked")
    private void writeFiles(ZipOutputStream out, String trackingId, Map<String, Object> message) throws IOException {
        for (Map<String, Object> payload : (List<Map<String, Object>>) message.get("payloads")) {
            byte[] body = BinaryPayloads.first(jdbc, "select body from message_payload where tracking_id = ? and version = ?",
                    trackingId, payload.get("version")).orElseThrow(() -> new IllegalStateException(
                            "Payload " + payload.get("version") + " of " + trackingId + " vanished while being archived"));
            String name = payload.get("file") + extension(body);
            payload.put("file", name);
            entry(out, name, body);
        }
        if (message.containsKey("as4Receipt")) {
            byte[] receipt = BinaryPayloads.first(jdbc, "select receipt from as4_sent_receipt where tracking_id = ?", trackingId)
                    .orElseThrow();
            Map<String, Object> described = (Map<String, Object>) message.get("as4Receipt");
            String name = described.get("file") + extension(receipt);
            described.put("file", name);
            entry(out, name, receipt);
        }
    }

    private static void entry(ZipOutputStream out, String name, byte[] body) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(body);
        out.closeEntry();
    }

    /** XML, UN/EDIFACT or anything else, so the archived files open in the right tool. */
    private static String extension(byte[] body) {
        int i = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf ? 3 : 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        if (i < body.length && body[i] == '<') {
            return ".xml";
        }
        boolean edifact = body.length >= i + 3 && body[i] == 'U' && body[i + 1] == 'N' && (body[i + 2] == 'A' || body[i + 2] == 'B');
        return edifact ? ".edi" : ".bin";
    }

    /** A row as column name to value, times as ISO-8601 instants. */
    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            row.put(meta.getColumnLabel(i), value instanceof Timestamp t ? t.toInstant().toString() : value);
        }
        return row;
    }
}
