package org.casw.routes.intake;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyLimits;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission at intake, per party and as its agreement says: a token bucket for its rate and a cap on its submissions in
 * progress. Every channel (HTTP, JMS, file drop, AS4) passes here before anything is stored, so an over-limit submission
 * costs a map lookup, not a parse or a database row, and each channel answers it alike (RATE_LIMITED with a pause).
 * An admitted submission's in-flight permit goes back when its exchange completes, however it ends.
 */
public class SubmissionLimits {

    private static final Logger log = LoggerFactory.getLogger(SubmissionLimits.class);

    /** Exchange property on a stored message the gateway resumes itself (recovery): the party is not sending, so no limit. */
    public static final String RESUMED = "swResumed";
    /** Told of every refusal, e.g. to count it in a metric. */
    public interface Refusals {
        void refused(String party, String code);
    }

    /** Admits everything. */
    public static final SubmissionLimits NONE = new SubmissionLimits(party -> PartyLimits.NONE, System::nanoTime, (p, c) -> { },
            Duration.ofMinutes(1));

    /** A refusal for in-flight: no clock says when a permit comes back, so one second. */
    private static final Duration IN_FLIGHT_PAUSE = Duration.ofSeconds(1);

    private final Function<String, PartyLimits> limitsOf;
    private final LongSupplier nanoTime;
    private final Refusals refusals;
    private final long logIntervalNanos;
    private final ConcurrentMap<String, PartyGate> gates = new ConcurrentHashMap<>();

    /** Limits from each party's agreement, on the system clock; refusals logged at most once a minute per party. */
    public SubmissionLimits(PartnerDirectory partners, Refusals refusals) {
        this(party -> partners.find(party).map(PartnerProfile::limits).orElse(PartyLimits.NONE), System::nanoTime, refusals,
                Duration.ofMinutes(1));
    }

    /**
     * @param limitsOf    each party's limits
     * @param nanoTime    the clock the buckets fill by (monotonic nanoseconds)
     * @param logInterval at most one log line per party in this interval, however many refusals
     */
    public SubmissionLimits(Function<String, PartyLimits> limitsOf, LongSupplier nanoTime, Refusals refusals, Duration logInterval) {
        this.limitsOf = limitsOf;
        this.nanoTime = nanoTime;
        this.refusals = Objects.requireNonNull(refusals);
        this.logIntervalNanos = logInterval.toNanos();
    }

    /** The answer for one submission: admitted with a permit to give back, or refused with a code and a pause. */
    public record Admission(boolean admitted, String code, Duration retryAfter, String reason, Runnable release) {

        static Admission admitted(Runnable release) {
            return new Admission(true, null, null, null, release);
        }

        static Admission refused(String code, Duration retryAfter, String reason) {
            return new Admission(false, code, retryAfter, reason, () -> { });
        }
    }

    /** Takes an in-flight permit and a token for the party, or says which limit it is over. */
    public Admission admit(String party) {
        PartyGate gate = gates.computeIfAbsent(party, p -> new PartyGate(limitsOf.apply(p), nanoTime.getAsLong()));
        PartyLimits limits = gate.limits;
        if (limits.limitsInFlight() && !gate.inFlight.tryAcquire()) {
            return refuse(party, gate, Admission.refused(ViolationCodes.IN_FLIGHT_LIMIT, IN_FLIGHT_PAUSE, "You already have "
                    + limits.inFlight() + " submissions in progress, as many as your agreement allows; send this one again once"
                    + " one of them is answered (retry after " + IN_FLIGHT_PAUSE.toSeconds() + " s). It was not stored."));
        }
        long wait = gate.bucket == null ? 0 : gate.bucket.take(nanoTime.getAsLong());
        if (wait > 0) {
            if (limits.limitsInFlight()) {
                gate.inFlight.release();
            }
            // whole seconds, as Retry-After says them, never 0 (which would invite an immediate resend)
            Duration pause = Duration.ofSeconds(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
            return refuse(party, gate, Admission.refused(ViolationCodes.RATE_LIMITED, pause, "You are sending faster than your"
                    + " agreement allows (" + limits + "); send this one again in " + pause.toSeconds() + " s. It was not stored."));
        }
        if (!limits.limitsInFlight()) {
            return Admission.admitted(() -> { });
        }
        AtomicBoolean released = new AtomicBoolean();
        return Admission.admitted(() -> {
            if (released.compareAndSet(false, true)) {
                gate.inFlight.release();
            }
        });
    }

    /**
     * The intake route's gate: an over-limit submission is answered RATE_LIMITED and leaves the flow ({@link
     * SubmissionAnswered}), so nothing of it is stored or read; an admitted one gives its permit back when the exchange is
     * done, whether it was accepted, refused or failed.
     */
    public Processor gate() {
        return exchange -> {
            if (Boolean.TRUE.equals(exchange.getProperty(RESUMED, Boolean.class))) {
                return;
            }
            Intake intake = Intake.of(exchange);
            Admission admission = admit(intake.submission.sender());
            if (!admission.admitted()) {
                intake.retryAfter = admission.retryAfter();
                intake.settle(IntakeResult.Outcome.RATE_LIMITED, null, List.of(Violation.of(admission.code(), null, admission.reason())));
                throw new SubmissionAnswered(IntakeResult.Outcome.RATE_LIMITED);
            }
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    admission.release().run();
                }
            });
        };
    }

    private Admission refuse(String party, PartyGate gate, Admission refusal) {
        refusals.refused(party, refusal.code());
        long now = nanoTime.getAsLong();
        int refused;
        synchronized (gate) {
            gate.refusedSinceLog++;
            if (gate.loggedAt != Long.MIN_VALUE && now - gate.loggedAt < logIntervalNanos) {
                return refusal;
            }
            refused = gate.refusedSinceLog;
            gate.refusedSinceLog = 0;
            gate.loggedAt = now;
        }
        log.warn("Party {} is over its limits ({}): {} submission(s) refused since the last report, the latest {}; "
                + "nothing of them was stored", party, gate.limits, refused, refusal.code());
        return refusal;
    }

    /** One party's bucket, permits and log throttle. */
    private static final class PartyGate {
        final PartyLimits limits;
        final TokenBucket bucket;
        final Semaphore inFlight;
        long loggedAt = Long.MIN_VALUE;
        int refusedSinceLog;

        PartyGate(PartyLimits limits, long now) {
            this.limits = limits;
            this.bucket = limits.limitsRate() ? new TokenBucket(limits.ratePerSecond(), limits.burst(), now) : null;
            this.inFlight = new Semaphore(Math.max(0, limits.inFlight()));
        }
    }
}
