package org.casw.gateway.observability;

import java.time.Duration;

/**
 * A partner's delivery backlog at one moment.
 *
 * @param partyId     the receiving party
 * @param depth       documents waiting in its delivery queue {@code sw.out.<party>}, including those in a redelivery
 *                    back-off and those handed to a consumer but not yet confirmed; -1 when the broker cannot be asked
 * @param deadLetters its documents the broker gave up on that are still FAILED (an operator's retry takes one out)
 * @param oldestAge   how long the oldest waiting document has been on the queue; zero when none waits, null when unknown
 */
public record PartnerQueue(String partyId, long depth, long deadLetters, Duration oldestAge) {

    /** Depth when the broker could not be asked. */
    public static final long UNKNOWN = -1;
}
