package org.casw.gateway.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.casw.gateway.observability.GatewayMetrics;
import org.casw.gateway.persistence.GroupCommit;
import org.casw.gateway.persistence.JdbcAggregateLedger;
import org.casw.gateway.persistence.JdbcMessageLedger;
import org.casw.gateway.persistence.MigratedDatabase;
import org.casw.routes.aggregate.AggregateLedger;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.intake.PayloadDigest;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.ledger.NewMessage;
import org.casw.routes.ledger.ReceiverVersion;
import org.casw.routes.ledger.Recorded;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Data retention on a real PostgreSQL: what is purged (finished documents older than the age, whole), what is kept
 * (anything young, unfinished or partly unfinished), what the archive holds, and that a failed archive purges nothing.
 * Retention runs on a fixed clock; "old" messages are moved 400 days back, against an age of 365 days.
 */
class DataRetentionTest {

    private static final Duration AGE = Duration.ofDays(365);
    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    static Path temp;

    private static MigratedDatabase db;
    private static JdbcMessageLedger ledger;
    private static JdbcAggregateLedger aggregates;
    private static Clock clock;

    @BeforeAll
    static void startDatabase() throws IOException {
        // @TempDir is 0700; when the JVM is root the server runs as nobody and must be able to pass through it.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        db = MigratedDatabase.start(temp.resolve("pgdata"));
        ledger = new JdbcMessageLedger(db.jdbc(), db.tx(), new GroupCommit(db.tx()));
        aggregates = new JdbcAggregateLedger(db.jdbc(), db.tx(), ledger);
        clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @Test
    void youngAndUnfinishedMessagesAreLeftAlone() {
        String young = acknowledged(arrive());
        String failed = arrive();
        route(failed, "CN-CUSTOMS");
        ledger.queued(failed, "CN-CUSTOMS");
        ledger.failed(failed, "gave up after 10 attempts");
        String queued = arrive();
        route(queued, "CN-CUSTOMS");
        ledger.queued(queued, "CN-CUSTOMS");
        String received = arrive();
        age(failed, queued, received);

        retention(null).purge();

        for (String kept : List.of(young, failed, queued, received)) {
            assertThat(payloads(kept)).as(kept + " keeps its payloads").isPositive();
            assertThat(purgedAt(kept)).as(kept).isNull();
        }
        assertThat(ledger.find(failed).orElseThrow().history()).as("a failed message keeps its history for its retry")
                .extracting(MessageView.Transition::status).contains(MessageStatus.QUEUED, MessageStatus.FAILED);
    }

    @Test
    void anOldFinishedMessageLosesItsPayloadVersionsAndHistoryAndKeepsATombstone() {
        String messageId = "DEC-" + IDS.incrementAndGet();
        byte[] payload = payload(messageId);
        String old = ledger.recordArrival(arrival(messageId, payload)).trackingId();
        ledger.accepted(old, new BusinessKeys().add(BusinessKeys.Kind.BILL_NO, "BILL-" + messageId), false,
                List.of(new ReceiverVersion("CN-CUSTOMS", "<prepared/>".getBytes(StandardCharsets.UTF_8),
                        "<signed/>".getBytes(StandardCharsets.UTF_8), List.of(), "signed for CN-CUSTOMS", null)));
        acknowledged(old);
        String rejected = arrive();
        ledger.rejected(rejected, List.of(Violation.of("XSD_INVALID", "/DecMessage", "not valid")), "invalid");
        age(old, rejected);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        DataRetention.Run run = retention(null, meters).purge();

        assertThat(run.documents()).isGreaterThanOrEqualTo(2);
        for (String purged : List.of(old, rejected)) {
            assertThat(payloads(purged)).as(purged + ": every payload version is gone").isZero();
            assertThat(purgedAt(purged)).as(purged).isNotNull();
            List<MessageView.Transition> history = ledger.find(purged).orElseThrow().history();
            assertThat(history).as("one line says what happened").hasSize(1);
            assertThat(history.get(0).reason()).startsWith("payloads and history purged: finished more than 365 days ago");
        }
        assertThat(db.jdbc().queryForObject("select count(*) from message_violation where tracking_id = ?", Integer.class, rejected))
                .isZero();
        MessageView tombstone = ledger.find(old).orElseThrow();
        assertThat(tombstone.status()).isEqualTo(MessageStatus.ACKNOWLEDGED);
        assertThat(tombstone.businessKeys()).containsEntry("BILL_NO", List.of("BILL-" + messageId));
        assertThat(ledger.inboundPayload(old)).isEmpty();
        Recorded resent = ledger.recordArrival(arrival(messageId, payload));
        assertThat(resent.kind()).as("a resend is still recognised").isEqualTo(Recorded.Kind.DUPLICATE);
        assertThat(resent.trackingId()).isEqualTo(old);
        assertThat(meters.get(GatewayMetrics.PURGED).counter().count()).isEqualTo(run.messages());

        assertThat(retention(null).purge().documents()).as("a purged document is not purged again").isZero();
    }

    @Test
    void theArchiveIsWrittenBeforeThePurgeAndHoldsEveryVersionAndTheHistory() throws IOException {
        String trackingId = arrive();
        ledger.accepted(trackingId, new BusinessKeys(), false, List.of(new ReceiverVersion("CN-CUSTOMS",
                null, "<signed>for customs</signed>".getBytes(StandardCharsets.UTF_8), List.of(), "signed for CN-CUSTOMS", null)));
        acknowledged(trackingId);
        byte[] inbound = ledger.inboundPayload(trackingId).orElseThrow();
        List<MessageView.Transition> history = ledger.find(trackingId).orElseThrow().history();
        age(trackingId);
        Path archiveDir = temp.resolve("archive");

        retention(archiveDir).purge();

        Path zip;
        try (var days = Files.list(archiveDir)) {
            zip = days.map(day -> day.resolve(trackingId + ".zip")).filter(Files::exists).findFirst().orElseThrow();
        }
        Map<String, byte[]> entries = unzip(zip);
        JsonNode message = new ObjectMapper().readTree(entries.get(MessageArchive.DESCRIPTION)).get("messages").get(0);
        assertThat(message.get("tracking_id").asText()).isEqualTo(trackingId);
        assertThat(message.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        List<String> reasons = new ArrayList<>();
        message.get("history").forEach(h -> reasons.add(h.get("reason").asText()));
        assertThat(reasons).containsExactlyElementsOf(history.stream().map(MessageView.Transition::reason).toList());
        assertThat(message.get("payloads")).hasSize(2);
        assertThat(entries.get(message.get("payloads").get(0).get("file").asText())).isEqualTo(inbound);
        assertThat(message.get("payloads").get(0).get("file").asText()).isEqualTo(trackingId + "/1-inbound.xml");
        assertThat(new String(entries.get(message.get("payloads").get(1).get("file").asText()), StandardCharsets.UTF_8))
                .isEqualTo("<signed>for customs</signed>");
        assertThat(payloads(trackingId)).isZero();
        assertThat(ledger.find(trackingId).orElseThrow().history().get(0).reason()).endsWith("archived in " + zip);
        try (var left = Files.list(zip.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left").noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void anArchiveThatCannotBeWrittenPurgesNothing() throws IOException {
        String trackingId = acknowledged(arrive());
        age(trackingId);
        // a file where the archive's directory should be: unwritable even for root, which ignores permissions
        Path notADirectory = Files.writeString(temp.resolve("archive-is-a-file"), "x");

        assertThatThrownBy(() -> retention(notADirectory).purge()).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("could not archive document").hasMessageContaining("nothing of its batch was purged");

        assertThat(payloads(trackingId)).isPositive();
        assertThat(purgedAt(trackingId)).isNull();
        assertThat(ledger.find(trackingId).orElseThrow().history()).hasSizeGreaterThan(1);
    }

    @Test
    void aDocumentThatChangesWhileBeingArchivedIsKeptForALaterRun() throws IOException {
        String trackingId = acknowledged(arrive());
        age(trackingId);
        // the receiver's late answer lands between the export and the purge
        MessageArchive interrupted = new MessageArchive(temp.resolve("archive-interrupted"), db.jdbc()) {
            @Override
            public Path write(String document, List<String> messages, Instant receivedAt, Instant purgedAt) throws IOException {
                Path written = super.write(document, messages, receivedAt, purgedAt);
                ledger.note(trackingId, "a late receipt");
                return written;
            }
        };
        RetentionPolicy policy = new RetentionPolicy(AGE, interrupted.directory(), Duration.ofHours(1), 2);

        new DataRetention(db.jdbc(), db.tx(), policy, interrupted, clock, new SimpleMeterRegistry()).purge();

        assertThat(purgedAt(trackingId)).isNull();
        assertThat(payloads(trackingId)).isPositive();
        assertThat(ledger.find(trackingId).orElseThrow().history()).extracting(MessageView.Transition::reason).contains("a late receipt");

        retention(temp.resolve("archive-interrupted")).purge();

        assertThat(purgedAt(trackingId)).as("the next run archives it again, with the late line, and purges it").isNotNull();
    }

    @Test
    void aFannedOutDocumentIsKeptWhileOneCopyIsStillOnItsWayAndPurgedWholeAfter() {
        String original = arrive();
        List<Dispatch> dispatches = ledger.validated(original, new BusinessKeys(), List.of("CN-CUSTOMS", "SG-NSW"), false);
        String copy = dispatches.get(1).trackingId();
        assertThat(dispatches.get(1).copyOf()).isEqualTo(original);
        deliver(original, "CN-CUSTOMS");
        ledger.queued(copy, "SG-NSW");
        age(original, copy);

        retention(null).purge();

        assertThat(payloads(original)).as("the copy reads the original's payload: nothing goes while it travels").isPositive();
        assertThat(purgedAt(original)).isNull();
        assertThat(purgedAt(copy)).isNull();

        deliver(copy, "SG-NSW");
        age(copy);
        retention(null).purge();

        assertThat(purgedAt(original)).isNotNull();
        assertThat(purgedAt(copy)).isNotNull();
        assertThat(payloads(original)).isZero();
        assertThat(ledger.find(copy).orElseThrow().history()).hasSize(1);
    }

    @Test
    void anAggregateDeclarationIsPurgedWithItsConsignmentsOnlyOnceAnswered() {
        String aggregate = arrive();
        String id = "AGG-" + IDS.incrementAndGet();
        List<Dispatch> parts = aggregates.split(aggregate, new BusinessKeys(), List.of(
                new AggregateLedger.NewPart(1, id + "-B1", id + "-1", payload(id + "-1"), new BusinessKeys(), List.of("CN-CUSTOMS")),
                new AggregateLedger.NewPart(2, id + "-B2", id + "-2", payload(id + "-2"), new BusinessKeys(), List.of("CN-CUSTOMS"))));
        for (Dispatch part : parts) {
            deliver(part.trackingId(), "CN-CUSTOMS");
            ledger.acknowledged(part.trackingId(), "SpL", "released", new BusinessKeys());
        }
        List<String> all = new ArrayList<>(List.of(aggregate));
        parts.forEach(p -> all.add(p.trackingId()));
        age(all.toArray(String[]::new));

        retention(null).purge();

        assertThat(all).as("SPLIT: the submitter has not had its final answer").allMatch(m -> purgedAt(m) == null);

        aggregates.answer(aggregate, progress -> new AggregateLedger.Answer(id + "-R", "all released", "SpL", "SpL",
                "<AggregateReceipt/>".getBytes(StandardCharsets.UTF_8), new BusinessKeys()));
        assertThat(ledger.find(aggregate).orElseThrow().status()).isEqualTo(MessageStatus.ACKNOWLEDGED);
        age(all.toArray(String[]::new));
        retention(null).purge();

        assertThat(all).as("the aggregate and its consignments together").allMatch(m -> purgedAt(m) != null);
        assertThat(all).allMatch(m -> payloads(m) == 0);
    }

    @Test
    void dueDocumentsAreFoundThroughTheirPartialIndexOnAnyCutoff() {
        AtomicInteger parameter = new AtomicInteger();
        String numbered = Pattern.compile("\\?").matcher(DataRetention.DUE).replaceAll(m -> "\\$" + parameter.incrementAndGet());

        String plan = db.tx().execute(status -> {
            db.jdbc().execute("set local enable_seqscan = off");
            db.jdbc().execute("set local plan_cache_mode = force_generic_plan");
            db.jdbc().execute("prepare retention_due as " + numbered);
            String finished = "'{DELIVERED,ACKNOWLEDGED,REJECTED}'";
            List<String> lines = db.jdbc().queryForList("explain execute retention_due(now(), " + finished + ", now(), " + finished
                    + ", now(), " + finished + ", now(), 200)", String.class);
            db.jdbc().execute("deallocate retention_due");
            return String.join("\n", lines);
        });

        assertThat(plan).as("the plan for every cutoff and batch size (the gateway plans generically)").contains("message_retention");
    }

    // ------------------------------------------------------------------------------------------------------------------

    private static DataRetention retention(Path archiveDir) {
        return retention(archiveDir, new SimpleMeterRegistry());
    }

    private static DataRetention retention(Path archiveDir, SimpleMeterRegistry meters) {
        RetentionPolicy policy = new RetentionPolicy(AGE, archiveDir, Duration.ofHours(1), 2); // small batches: several per run
        return new DataRetention(db.jdbc(), db.tx(), policy, archiveDir == null ? null : new MessageArchive(archiveDir, db.jdbc()),
                clock, meters);
    }

    private static String arrive() {
        String messageId = "DEC-" + IDS.incrementAndGet();
        return ledger.recordArrival(arrival(messageId, payload(messageId))).trackingId();
    }

    private static NewMessage arrival(String messageId, byte[] payload) {
        return new NewMessage("DEMO-ENTERPRISE", "HTTP", messageId, "DECLARATION", payload, PayloadDigest.sha256Hex(payload), null);
    }

    private static byte[] payload(String messageId) {
        return ("<DecMessage><ClientSeqNo>" + messageId + "</ClientSeqNo></DecMessage>").getBytes(StandardCharsets.UTF_8);
    }

    private static void route(String trackingId, String receiver) {
        ledger.validated(trackingId, new BusinessKeys(), List.of(receiver), false);
    }

    private static void deliver(String trackingId, String receiver) {
        ledger.queued(trackingId, receiver);
        assertThat(ledger.delivered(trackingId, receiver, "HTTP 200")).isTrue();
    }

    private static String acknowledged(String trackingId) {
        if (ledger.find(trackingId).orElseThrow().status() == MessageStatus.RECEIVED) {
            route(trackingId, "CN-CUSTOMS");
        }
        deliver(trackingId, "CN-CUSTOMS");
        ledger.acknowledged(trackingId, "SpL", "released", new BusinessKeys());
        return trackingId;
    }

    /** As if these messages had last changed 400 days ago. */
    private static void age(String... trackingIds) {
        db.jdbc().update("update message set received_at = ? - interval '400 days', updated_at = ? - interval '400 days'"
                + " where tracking_id = any (?)", ps -> {
                    ps.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
                    ps.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
                    ps.setArray(3, ps.getConnection().createArrayOf("varchar", trackingIds));
                });
    }

    private static int payloads(String trackingId) {
        return db.jdbc().queryForObject("select count(*) from message_payload where tracking_id = ?", Integer.class, trackingId);
    }

    private static Instant purgedAt(String trackingId) {
        return db.jdbc().queryForObject("select purged_at from message where tracking_id = ?", (rs, n) ->
                rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(), trackingId);
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
