package org.casw.gateway.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a kill test reports once its load has stopped: what the party was told (accepted, refused in a retryable way,
 * refused otherwise) against what the partner received and the ledger and broker hold.
 *
 * @param attempted        documents the party sent (each until accepted, resending the same one)
 * @param accepted         documents answered 202 (or 200: a resend answered with the first tracking id)
 * @param answeredAsResend of those, answered 200
 * @param refusedRetryable calls refused in a way a client retries (connection error, timeout, 429, 502-504)
 * @param refusedByReason  those by reason
 * @param refusedOther     documents refused any other way (a good document never should be)
 * @param gaveUp           documents the party could not get accepted in its patience
 * @param inDoubt          documents whose call was cut off and not resent; the gateway must finish what it stored
 * @param inDoubtDelivered of those, the ones the partner received
 * @param delivered        accepted documents the partner has and the ledger records DELIVERED
 * @param duplicates       documents delivered more than once: recorded DELIVERED twice, or kept by the partner under
 *                         two tracking ids (a second message for one message id), or with two different payloads
 * @param lost             accepted documents the partner never received
 * @param failedAfterDelivery messages given a "delivery attempt failed" entry, with status DELIVERED, after they were
 *                         recorded DELIVERED (the commit of DELIVERED reached the database, but its answer did not)
 * @param resent           POSTs the partner received again for a tracking id it had (allowed; it keeps one)
 * @param unfinished       the run's messages in the ledger not DELIVERED, by status (stranded, when it stays)
 * @param backlog          messages left on the delivery queue and the dead letters
 */
record DeliveryTally(int attempted, int accepted, long answeredAsResend, long refusedRetryable, String refusedByReason,
        Map<String, String> refusedOther, Map<String, String> gaveUp, int inDoubt, int inDoubtDelivered, int delivered,
        int duplicates, int lost, Map<String, Integer> failedAfterDelivery, int resent, Map<String, Integer> unfinished,
        int backlog) {

    static DeliveryTally of(GatewayCluster cluster, SteadyLoad load) throws Exception {
        Map<String, String> accepted = load.accepted();
        Map<String, String[]> ledger = cluster.ledger(load.run());
        Map<String, Integer> deliveredTwice = new HashMap<>(cluster.deliveredTransitions(load.run(), false));
        deliveredTwice.values().removeIf(n -> n <= 1);
        Set<String> kept = cluster.inbox().kept().keySet();

        int delivered = 0;
        int lost = 0;
        for (String trackingId : accepted.values()) {
            String[] message = ledger.get(trackingId);
            if (!kept.contains(trackingId)) {
                lost++;
            } else if (message != null && "DELIVERED".equals(message[1])) {
                delivered++;
            }
        }
        Map<String, Set<String>> keptBySeq = new HashMap<>();
        Map<String, Integer> unfinished = new TreeMap<>();
        for (Map.Entry<String, String[]> message : ledger.entrySet()) {
            if (kept.contains(message.getKey())) {
                keptBySeq.computeIfAbsent(message.getValue()[0], seq -> new HashSet<>()).add(message.getKey());
            }
            if (!"DELIVERED".equals(message.getValue()[1])) {
                unfinished.merge(message.getValue()[1], 1, Integer::sum);
            }
        }
        Set<String> inDoubt = load.inDoubt().keySet();
        int inDoubtDelivered = (int) ledger.entrySet().stream()
                .filter(m -> inDoubt.contains(m.getValue()[0]) && kept.contains(m.getKey())).count();
        long keptTwice = keptBySeq.values().stream().filter(ids -> ids.size() > 1).count();
        long conflicting = kept.stream().filter(id -> id.endsWith("#conflict")).count();
        int resent = cluster.inbox().postCount() - kept.size();
        return new DeliveryTally(load.attempted(), accepted.size(), load.answeredAsResend(), load.refusedRetryable(),
                load.refusedRetryableByReason(), load.refusedOther(), load.gaveUp(), inDoubt.size(), inDoubtDelivered, delivered,
                (int) (deliveredTwice.size() + keptTwice + conflicting), lost, cluster.deliveredTransitions(load.run(), true), resent,
                unfinished, cluster.backlog());
    }

    /** Nothing left to wait for: every accepted document delivered, nothing unfinished in the ledger or on the broker. */
    boolean settled() {
        return delivered == accepted && lost == 0 && unfinished.isEmpty() && backlog == 0;
    }

    /** The problems, one per line; empty when the run is clean. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!refusedOther.isEmpty()) {
            problems.add(refusedOther.size() + " good document(s) refused in a way a client cannot retry: " + first(refusedOther));
        }
        if (!gaveUp.isEmpty()) {
            problems.add(gaveUp.size() + " document(s) never accepted: " + first(gaveUp));
        }
        if (lost > 0) {
            problems.add(lost + " accepted document(s) lost (the partner never received them)");
        }
        if (duplicates > 0) {
            problems.add(duplicates + " document(s) delivered more than once");
        }
        if (!failedAfterDelivery.isEmpty()) {
            problems.add(failedAfterDelivery.size() + " message(s) recorded DELIVERED and then given a failed delivery attempt"
                    + " (a DELIVERED transition reading 'delivery attempt N failed'): " + failedAfterDelivery.keySet());
        }
        if (!unfinished.isEmpty()) {
            problems.add("messages not DELIVERED, by status (stranded): " + unfinished);
        }
        if (backlog > 0) {
            problems.add(backlog + " message(s) left on " + GatewayCluster.DELIVERY_QUEUE + " and the dead letters");
        }
        if (delivered != accepted) {
            problems.add((accepted - delivered) + " accepted document(s) not recorded DELIVERED");
        }
        return problems;
    }

    @Override
    public String toString() {
        return "attempted=" + attempted + ", accepted=" + accepted + " (" + answeredAsResend + " answered as a resend)"
                + ", refused-retryable=" + refusedRetryable + " " + refusedByReason + ", refused-other=" + refusedOther.size()
                + ", gave-up=" + gaveUp.size() + ", in-doubt=" + inDoubt + " (" + inDoubtDelivered + " delivered)"
                + ", delivered=" + delivered + ", duplicates=" + duplicates + ", lost=" + lost
                + ", failed-after-delivery=" + failedAfterDelivery.size() + ", resent-to-partner=" + resent
                + ", unfinished=" + unfinished + ", backlog=" + backlog;
    }

    private static String first(Map<String, String> refusals) {
        return refusals.entrySet().stream().limit(3).map(e -> e.getKey() + ": " + e.getValue()).toList().toString();
    }
}
