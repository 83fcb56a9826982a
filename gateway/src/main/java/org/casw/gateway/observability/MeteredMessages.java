package org.casw.gateway.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.casw.routes.ledger.MessageEvents;
import org.casw.routes.ledger.MessageStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts and times each message's milestones in Micrometer. Meters are looked up by their tag values in a map of their
 * own, so a message costs a hash lookup and an increment per milestone, not a meter id built and sorted per call.
 */
final class MeteredMessages implements MessageEvents {

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    MeteredMessages(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accepted(String sender, String channel, String type, MessageStatus status, Duration elapsed) {
        String statusName = status == null ? MessageStatus.QUEUED.name() : status.name();
        counter(new Key(GatewayMetrics.RECEIVED, sender, type, channel, statusName), k -> Counter.builder(k.name)
                .description("Documents stored at the intake and answered").tags(GatewayMetrics.PARTY, k.party, GatewayMetrics.TYPE, k.type,
                        GatewayMetrics.CHANNEL, k.third, GatewayMetrics.STATUS, k.fourth)).increment();
        timer(new Key(GatewayMetrics.INTAKE_LATENCY, sender, type, null, null), k -> Timer.builder(k.name)
                .description("Intake stage: received to queued for every receiver").tags(GatewayMetrics.PARTY, k.party,
                        GatewayMetrics.TYPE, k.type)).record(elapsed);
    }

    @Override
    public void refused(String sender, String channel, String type, String code) {
        counter(new Key(GatewayMetrics.RECEIVED, sender, type, channel, MessageStatus.REJECTED.name()), k -> Counter.builder(k.name)
                .description("Documents stored at the intake and answered").tags(GatewayMetrics.PARTY, k.party, GatewayMetrics.TYPE, k.type,
                        GatewayMetrics.CHANNEL, k.third, GatewayMetrics.STATUS, k.fourth)).increment();
        counter(new Key(GatewayMetrics.REFUSED, sender, type, code, null), k -> Counter.builder(k.name)
                .description("Documents refused, by the code of their first violation").tags(GatewayMetrics.PARTY, k.party,
                        GatewayMetrics.TYPE, k.type, GatewayMetrics.CODE, k.third)).increment();
    }

    @Override
    public void delivered(String receiver, String type, Instant receivedAt, Instant queuedAt) {
        counter(new Key(GatewayMetrics.DELIVERED, receiver, type, null, null), k -> Counter.builder(k.name)
                .description("Documents delivered to their receiver").tags(GatewayMetrics.PARTY, k.party, GatewayMetrics.TYPE, k.type))
                .increment();
        Instant now = Instant.now();
        if (receivedAt != null) {
            timer(new Key(GatewayMetrics.END_TO_END_LATENCY, receiver, type, null, null), k -> Timer.builder(k.name)
                    .description("Received to delivered").tags(GatewayMetrics.PARTY, k.party, GatewayMetrics.TYPE, k.type))
                    .record(nonNegative(Duration.between(receivedAt, now)));
        }
        if (queuedAt != null) {
            timer(new Key(GatewayMetrics.DELIVERY_LATENCY, receiver, null, null, null), k -> Timer.builder(k.name)
                    .description("Delivery stage: queued to delivered, back-off included").tags(GatewayMetrics.PARTY, k.party))
                    .record(nonNegative(Duration.between(queuedAt, now)));
        }
    }

    @Override
    public void attemptFailed(String receiver, String type) {
        counter(new Key(GatewayMetrics.RETRIES, receiver, type, null, null), k -> Counter.builder(k.name)
                .description("Delivery attempts that failed, each retried by the broker until the last")
                .tags(GatewayMetrics.PARTY, k.party, GatewayMetrics.TYPE, k.type)).increment();
    }

    @Override
    public void abandoned(String receiver, String type) {
        counter(new Key(GatewayMetrics.FAILED, receiver, type, null, null), k -> Counter.builder(k.name)
                .description("Deliveries the broker gave up on (dead letters)").tags(GatewayMetrics.PARTY, k.party,
                        GatewayMetrics.TYPE, k.type)).increment();
    }

    private Counter counter(Key key, Function<Key, Counter.Builder> builder) {
        Counter counter = counters.get(key);
        return counter != null ? counter : counters.computeIfAbsent(key, k -> builder.apply(k).register(registry));
    }

    private Timer timer(Key key, Function<Key, Timer.Builder> builder) {
        Timer timer = timers.get(key);
        return timer != null ? timer : timers.computeIfAbsent(key, k -> builder.apply(k)
                .serviceLevelObjectives(GatewayMetrics.LATENCY_BUCKETS.toArray(Duration[]::new)).register(registry));
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /** A meter by its name and tag values; absent values are {@link GatewayMetrics#UNKNOWN}. */
    private record Key(String name, String party, String type, String third, String fourth) {

        Key {
            party = GatewayMetrics.orUnknown(party);
            type = GatewayMetrics.orUnknown(type);
            third = GatewayMetrics.orUnknown(third);
            fourth = GatewayMetrics.orUnknown(fourth);
        }
    }
}
