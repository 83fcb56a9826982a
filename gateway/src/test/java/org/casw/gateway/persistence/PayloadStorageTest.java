package org.casw.gateway.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.casw.routes.intake.PayloadDigest;
import org.casw.routes.ledger.NewMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the ledger stores payloads on a real PostgreSQL (V10): a document of a few kilobytes stays as written, in its row,
 * so neither intake nor delivery spends CPU compressing it; a large one is still compressed.
 */
class PayloadStorageTest {

    @TempDir
    static Path temp;

    private static MigratedDatabase db;
    private static JdbcMessageLedger ledger;

    @BeforeAll
    static void startDatabase() throws IOException {
        // @TempDir is 0700; when the JVM is root the server runs as nobody and must be able to pass through it.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        db = MigratedDatabase.start(temp.resolve("pgdata"));
        ledger = new JdbcMessageLedger(db.jdbc(), db.tx(), new GroupCommit(db.tx()));
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @Test
    void aDeclarationSizedPayloadIsStoredUncompressedAndReadBackWhole() {
        byte[] declaration = document(6_000);
        String trackingId = arrive("DEC-6K", declaration);

        assertThat(compression(trackingId)).isNull();
        assertThat(ledger.inboundPayload(trackingId)).contains(declaration);
    }

    @Test
    void aLargePayloadIsStillCompressed() {
        byte[] manifest = document(200_000);
        String trackingId = arrive("MANIFEST-200K", manifest);

        assertThat(compression(trackingId)).isEqualTo("pglz");
        assertThat(ledger.inboundPayload(trackingId)).contains(manifest);
    }

    private static String arrive(String messageId, byte[] payload) {
        return ledger.recordArrival(new NewMessage("DEMO-ENTERPRISE", "HTTP", messageId, "DECLARATION", payload,
                PayloadDigest.sha256Hex(payload), null)).trackingId();
    }

    private static String compression(String trackingId) {
        return db.jdbc().queryForObject("select pg_column_compression(body) from message_payload where tracking_id = ?",
                String.class, trackingId);
    }

    /** Repetitive XML, as documents are: pglz would shrink it several times if it were asked to. */
    private static byte[] document(int size) {
        StringBuilder xml = new StringBuilder("<DecMessage>");
        for (int i = 0; xml.length() < size - 20; i++) {
            xml.append("<GoodsItem><GNo>").append(i).append("</GNo><CodeTS>0810600000</CodeTS></GoodsItem>");
        }
        return xml.append("</DecMessage>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
