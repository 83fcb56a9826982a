package org.casw.routes.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.validation.Violation;

/**
 * The ledger's contract in memory, for route tests: the same status guards and history lines as the PostgreSQL ledger
 * (gateway's {@code JdbcMessageLedger}), without its durability. Every method is synchronized: one at a time, like the
 * transactions it stands for.
 */
public final class InMemoryMessageLedger implements MessageLedger {

    /** One stored message. */
    private static final class Entry {
        final String trackingId;
        final NewMessage arrival;
        final String copyOf;
        final Instant receivedAt;
        String documentType;
        String receiver;
        MessageStatus status = MessageStatus.RECEIVED;
        String destinationStatus;
        boolean senderSigned;
        String lastError;
        Instant updatedAt;
        final List<byte[]> nativeVersions = new ArrayList<>();
        final List<byte[]> outboundVersions = new ArrayList<>();
        final Map<String, TreeSet<String>> keys = new TreeMap<>();
        final List<MessageView.Transition> history = new ArrayList<>();
        final List<Violation> violations = new ArrayList<>();

        Entry(String trackingId, NewMessage arrival, String copyOf) {
            this.trackingId = trackingId;
            this.arrival = arrival;
            this.copyOf = copyOf;
            this.documentType = arrival.documentType();
            this.receivedAt = Instant.now();
            this.updatedAt = receivedAt;
        }
    }

    private final Map<String, Entry> messages = new LinkedHashMap<>();
    private final Map<String, Integer> writes = new TreeMap<>();
    private int next;

    /** How many times a write method was called (e.g. "accepted"): a route test's count of ledger statements. */
    public synchronized int writes(String method) {
        return writes.getOrDefault(method, 0);
    }

    private void wrote(String method) {
        writes.merge(method, 1, Integer::sum);
    }

    @Override
    public synchronized Recorded recordArrival(NewMessage m) {
        wrote("recordArrival");
        if (m.messageId() != null) {
            Optional<Entry> earlier = messages.values().stream().filter(e -> e.copyOf == null && e.status != MessageStatus.REJECTED
                    && m.sender().equals(e.arrival.sender()) && m.messageId().equals(e.arrival.messageId())).findFirst();
            if (earlier.isPresent()) {
                Entry e = earlier.get();
                return new Recorded(e.arrival.sha256().equals(m.sha256()) ? Recorded.Kind.DUPLICATE : Recorded.Kind.CONFLICT,
                        e.trackingId, e.status);
            }
        }
        Entry entry = new Entry("SW-MEM-" + ++next, m, null);
        messages.put(entry.trackingId, entry);
        line(entry, MessageStatus.RECEIVED, "received over " + m.channel() + " from " + m.sender());
        return new Recorded(Recorded.Kind.NEW, entry.trackingId, MessageStatus.RECEIVED);
    }

    @Override
    public synchronized void identified(String trackingId, String documentType) {
        entry(trackingId).documentType = documentType;
    }

    @Override
    public synchronized void rejected(String trackingId, List<Violation> violations, String reason) {
        wrote("rejected");
        Entry e = entry(trackingId);
        if (move(e, MessageStatus.REJECTED, MessageStatus.RECEIVED, MessageStatus.VALIDATED)) {
            e.violations.addAll(violations);
            line(e, MessageStatus.REJECTED, reason);
        }
    }

    @Override
    public synchronized List<Dispatch> validated(String trackingId, BusinessKeys keys, List<String> receivers, boolean senderSigned) {
        Entry e = entry(trackingId);
        if (e.status != MessageStatus.RECEIVED) {
            return List.of();
        }
        e.status = MessageStatus.VALIDATED;
        e.receiver = receivers.get(0);
        e.senderSigned = senderSigned;
        addKeys(e, keys);
        line(e, MessageStatus.VALIDATED, receivers.size() == 1 ? "valid; routed to " + receivers.get(0)
                : "valid; routed to " + String.join(", ", receivers));
        List<Dispatch> dispatches = new ArrayList<>();
        dispatches.add(new Dispatch(trackingId, receivers.get(0), MessageStatus.VALIDATED, senderSigned, null));
        for (int i = 1; i < receivers.size(); i++) {
            Entry copy = new Entry(trackingId + "-" + (i + 1), e.arrival, trackingId);
            copy.documentType = e.documentType;
            copy.receiver = receivers.get(i);
            copy.status = MessageStatus.VALIDATED;
            copy.senderSigned = senderSigned;
            addKeys(copy, keys);
            messages.put(copy.trackingId, copy);
            line(copy, MessageStatus.VALIDATED, "copy of " + trackingId + " for " + receivers.get(i));
            dispatches.add(new Dispatch(copy.trackingId, receivers.get(i), MessageStatus.VALIDATED, senderSigned, trackingId));
        }
        return dispatches;
    }

    @Override
    public synchronized List<Dispatch> accepted(String trackingId, BusinessKeys keys, boolean senderSigned,
            List<ReceiverVersion> versions) {
        wrote("accepted");
        List<Dispatch> validated = validated(trackingId, keys, versions.stream().map(ReceiverVersion::receiver).toList(), senderSigned);
        List<Dispatch> ready = new ArrayList<>();
        for (int i = 0; i < validated.size(); i++) {
            Dispatch d = validated.get(i);
            if (store(d.trackingId(), versions.get(i))) {
                ready.add(new Dispatch(d.trackingId(), d.receiver(), versions.get(i).status(), senderSigned, d.copyOf(), true));
            }
        }
        return ready;
    }

    @Override
    public synchronized Optional<Dispatch> issued(NewMessage message, String receiver) {
        Recorded recorded = recordArrival(message);
        if (recorded.kind() != Recorded.Kind.NEW) {
            return Optional.empty();
        }
        return validated(recorded.trackingId(), new BusinessKeys(), List.of(receiver), false).stream().findFirst();
    }

    @Override
    public synchronized List<Dispatch> dispatches(String trackingId) {
        return messages.values().stream()
                .filter(e -> (e.trackingId.equals(trackingId) || trackingId.equals(e.copyOf)) && e.receiver != null)
                .sorted(Comparator.comparing(e -> e.trackingId))
                .map(e -> new Dispatch(e.trackingId, e.receiver, e.status, e.senderSigned, e.copyOf)).toList();
    }

    @Override
    public synchronized Optional<byte[]> nativePayload(String trackingId) {
        Entry original = original(entry(trackingId));
        return Optional.of(original.nativeVersions.isEmpty() ? original.arrival.payload()
                : original.nativeVersions.get(original.nativeVersions.size() - 1));
    }

    @Override
    public synchronized void translated(String trackingId, byte[] nativeXml, String reason) {
        Entry e = entry(trackingId);
        e.nativeVersions.add(nativeXml);
        line(e, e.status, reason);
    }

    @Override
    public synchronized void prepared(String trackingId, ReceiverVersion version) {
        wrote("prepared");
        store(trackingId, version);
    }

    private boolean store(String trackingId, ReceiverVersion version) {
        Entry e = entry(trackingId);
        if (version.failure() != null) {
            failed(trackingId, version.failure());
            return false;
        }
        if (version.prepared() != null) {
            e.outboundVersions.add(version.prepared());
        }
        version.notes().forEach(note -> line(e, e.status, note));
        if (version.signed() != null && move(e, MessageStatus.SIGNED, MessageStatus.VALIDATED)) {
            e.outboundVersions.add(version.signed());
            line(e, MessageStatus.SIGNED, version.signedReason());
        }
        return true;
    }

    @Override
    public synchronized void note(String trackingId, String reason) {
        wrote("note");
        Entry e = entry(trackingId);
        line(e, e.status, reason);
    }

    @Override
    public synchronized void queued(String trackingId, String destination) {
        wrote("queued");
        Entry e = entry(trackingId);
        if (move(e, MessageStatus.QUEUED, MessageStatus.VALIDATED, MessageStatus.SIGNED)) {
            line(e, MessageStatus.QUEUED, "queued for delivery to " + destination);
        }
    }

    @Override
    public synchronized boolean delivered(String trackingId, String destination, String reason) {
        Entry e = entry(trackingId);
        MessageStatus before = e.status;
        if (!move(e, MessageStatus.DELIVERED, MessageStatus.VALIDATED, MessageStatus.SIGNED, MessageStatus.QUEUED, MessageStatus.FAILED)) {
            return false;
        }
        e.lastError = null;
        if (before == MessageStatus.VALIDATED || before == MessageStatus.SIGNED) {
            line(e, MessageStatus.QUEUED, "queued for delivery to " + destination);
        }
        line(e, MessageStatus.DELIVERED, "delivered to " + destination + ": " + reason);
        return true;
    }

    @Override
    public synchronized void deliveryAttemptFailed(String trackingId, int attempt, String error) {
        Entry e = entry(trackingId);
        e.lastError = error;
        line(e, e.status, "delivery attempt " + attempt + " failed: " + error);
    }

    @Override
    public synchronized boolean retry(String trackingId, String reason) {
        Entry e = entry(trackingId);
        boolean reachedQueue = !e.outboundVersions.isEmpty() || e.history.stream()
                .anyMatch(t -> t.status() == MessageStatus.QUEUED || t.status() == MessageStatus.DELIVERED);
        MessageStatus to = reachedQueue ? MessageStatus.QUEUED : MessageStatus.VALIDATED;
        if (!move(e, to, MessageStatus.FAILED)) {
            return false;
        }
        line(e, to, reason);
        return true;
    }

    @Override
    public synchronized void failed(String trackingId, String reason) {
        Entry e = entry(trackingId);
        if (move(e, MessageStatus.FAILED, MessageStatus.VALIDATED, MessageStatus.SIGNED, MessageStatus.QUEUED)) {
            line(e, MessageStatus.FAILED, reason + (e.lastError == null ? "" : "; last error: " + e.lastError));
        }
    }

    @Override
    public synchronized void acknowledged(String trackingId, String destinationStatus, String reason, BusinessKeys extraKeys) {
        wrote("acknowledged");
        Entry e = entry(trackingId);
        if (move(e, MessageStatus.ACKNOWLEDGED, MessageStatus.QUEUED, MessageStatus.DELIVERED, MessageStatus.ACKNOWLEDGED)) {
            e.destinationStatus = destinationStatus;
            addKeys(e, extraKeys);
            line(e, MessageStatus.ACKNOWLEDGED, reason);
        }
    }

    @Override
    public synchronized Optional<MessageView> find(String trackingId) {
        Entry e = messages.get(trackingId);
        if (e == null) {
            return Optional.empty();
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        e.keys.forEach((kind, values) -> keys.put(kind, List.copyOf(values)));
        return Optional.of(view(e, keys, List.copyOf(e.history), List.copyOf(e.violations)));
    }

    @Override
    public synchronized Optional<String> deliveredWith(String receiver, String documentType, List<BusinessKeys.Key> keys) {
        for (BusinessKeys.Key key : keys) {
            Optional<Entry> found = messages.values().stream()
                    .filter(e -> receiver.equals(e.receiver) && documentType.equals(e.documentType) && e.status != MessageStatus.REJECTED)
                    .filter(e -> (key.kind() == BusinessKeys.Kind.CLIENT_SEQ_NO && key.value().equals(e.arrival.messageId()))
                            || e.keys.getOrDefault(key.kind().name(), new TreeSet<>()).contains(key.value())
                            || (e.copyOf != null && entry(e.copyOf).keys.getOrDefault(key.kind().name(), new TreeSet<>()).contains(key.value())))
                    .reduce((first, second) -> second); // the latest
            if (found.isPresent()) {
                return Optional.of(found.get().trackingId);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized Optional<MessageView> summary(String trackingId) {
        return Optional.ofNullable(messages.get(trackingId)).map(e -> view(e, Map.of(), List.of(), List.of()));
    }

    @Override
    public synchronized Optional<byte[]> inboundPayload(String trackingId) {
        return Optional.ofNullable(messages.get(trackingId)).map(e -> e.arrival.payload());
    }

    @Override
    public synchronized Optional<byte[]> outboundPayload(String trackingId) {
        Entry e = entry(trackingId);
        return e.outboundVersions.isEmpty() ? nativePayload(trackingId) : Optional.of(e.outboundVersions.get(e.outboundVersions.size() - 1));
    }

    @Override
    public synchronized List<String> stranded(MessageStatus status, Instant touchedBefore) {
        return messages.values().stream().filter(e -> e.status == status && e.updatedAt.isBefore(touchedBefore))
                .map(e -> e.trackingId).toList();
    }

    /** The statuses a message went through, in order (its history without the notes that kept the status). */
    public synchronized List<MessageStatus> statuses(String trackingId) {
        List<MessageStatus> statuses = new ArrayList<>();
        for (MessageView.Transition t : entry(trackingId).history) {
            if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != t.status()) {
                statuses.add(t.status());
            }
        }
        return statuses;
    }

    private Entry entry(String trackingId) {
        Entry e = messages.get(trackingId);
        if (e == null) {
            throw new IllegalArgumentException("no message " + trackingId);
        }
        return e;
    }

    private Entry original(Entry e) {
        return e.copyOf == null ? e : entry(e.copyOf);
    }

    private static boolean move(Entry e, MessageStatus to, MessageStatus... from) {
        if (!Set.of(from).contains(e.status)) {
            return false;
        }
        e.status = to;
        e.updatedAt = Instant.now();
        return true;
    }

    private static void line(Entry e, MessageStatus status, String reason) {
        e.history.add(new MessageView.Transition(status, Instant.now(), reason));
    }

    private static void addKeys(Entry e, BusinessKeys keys) {
        keys.all().forEach(k -> e.keys.computeIfAbsent(k.kind().name(), kind -> new TreeSet<>()).add(k.value()));
    }

    private MessageView view(Entry e, Map<String, List<String>> keys, List<MessageView.Transition> history, List<Violation> violations) {
        return new MessageView(e.trackingId, e.arrival.messageId(), e.documentType, e.arrival.sender(), e.receiver, e.status,
                e.destinationStatus, e.arrival.channel(), e.arrival.replyTo(), e.receivedAt, e.updatedAt, keys, history, violations,
                e.copyOf);
    }
}
