package org.casw.routes.transform.edifact;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The interchange control references (UNB/UNZ 0020) the gateway writes. A recipient uses them to spot a
 * repeated interchange, so each is used once per recipient and never again, also after a restart: the
 * gateway's is kept in PostgreSQL. An..14 in the syntax; these are digits.
 */
public interface ControlReferences {

    /** The next unused control reference towards the party with this UNB recipient id. */
    String next(String recipientInterchangeId);

    /**
     * References counted in memory from a start (e.g. the epoch second): unique within one process only, for the
     * command-line translator and tests, never for a running gateway.
     */
    static ControlReferences counting(long start) {
        ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();
        return recipient -> Long.toString(counters.computeIfAbsent(recipient, r -> new AtomicLong(start)).incrementAndGet());
    }
}
