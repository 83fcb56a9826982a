package org.casw.gateway.observability;

import java.time.Duration;
import java.util.List;
import org.casw.gateway.pipeline.PipelineConfiguration;

/**
 * The names and tags of every metric the gateway publishes, in one place: dashboards and alert rules
 * ({@code monitoring/}) depend on them, so they are never renamed. Prometheus shows a name with dots as underscores,
 * counters with {@code _total}, timers with {@code _seconds_*}.
 *
 * <p>Tags are bounded sets: {@code party} a configured party id (the sender for what arrives, the receiver for what is
 * delivered), {@code type} a document type, {@code status} a message status, {@code code} a stable violation code,
 * {@code channel} HTTP, JMS, FILE or AS4. Never a tracking id or a business key.
 */
public final class GatewayMetrics {

    /** Counter: documents stored at the intake and answered, by {@code party} (sender), {@code type}, {@code channel} and
     * {@code status} (QUEUED, SPLIT or REJECTED). */
    public static final String RECEIVED = "gateway.messages.received";
    /** Counter: documents refused (REJECTED), by {@code party} (sender), {@code type} and {@code code} (their first violation). */
    public static final String REFUSED = "gateway.messages.refused";
    /** Counter: submissions refused over their party's limits before being stored, by {@code party} and {@code code}. */
    public static final String LIMITED = PipelineConfiguration.LIMITED_SUBMISSIONS;
    /** Counter: documents delivered, by {@code party} (receiver) and {@code type}. */
    public static final String DELIVERED = "gateway.messages.delivered";
    /** Counter: deliveries the broker gave up on (dead letters, FAILED), by {@code party} (receiver) and {@code type}. */
    public static final String FAILED = "gateway.messages.failed";
    /** Counter: delivery attempts that failed (each retried by the broker after its back-off, until the last), by
     * {@code party} (receiver) and {@code type}. */
    public static final String RETRIES = "gateway.delivery.retries";
    /** Counter: failed messages an operator put back on their queue (API or console), tagged {@code party} (the receiver). */
    public static final String OPERATOR_RETRIES = "gateway.operator.retries";
    /** Counter: messages whose payloads and history the data retention purged (gateway.retention; copies count apart). */
    public static final String PURGED = "gateway.messages.purged";
    /** Timer: received to delivered, by {@code party} (receiver) and {@code type}. */
    public static final String END_TO_END_LATENCY = "gateway.message.latency";
    /** Timer: the intake stage, received to queued for every receiver (the answer), by {@code party} (sender) and {@code type}. */
    public static final String INTAKE_LATENCY = "gateway.intake.latency";
    /** Timer: the delivery stage, queued to delivered (back-off included), by {@code party} (receiver). */
    public static final String DELIVERY_LATENCY = "gateway.delivery.latency";
    /** Gauge: documents waiting in a partner's delivery queue, by {@code party}; absent (NaN) when the broker cannot say. */
    public static final String QUEUE_DEPTH = "gateway.partner.queue.depth";
    /** Gauge (seconds): age of the oldest document waiting for a partner, by {@code party}. */
    public static final String QUEUE_OLDEST_AGE = "gateway.partner.queue.oldest.age";
    /** Gauge: a partner's dead letters still FAILED (see {@link PartnerBacklog}), by {@code party}. */
    public static final String DEAD_LETTERS = "gateway.partner.dead.letters";
    /** Gauge: 1 while a partner's delivery is suspended (by an operator or its agreement), else 0, by {@code party}. */
    public static final String SUSPENDED = "gateway.partner.suspended";
    /** Gauge: messages left on the broker's dead-letter queue that the gateway could not record. */
    public static final String DEAD_LETTERS_UNPROCESSED = "gateway.dead.letters.unprocessed";
    /** Counter: AS4 receipts, by {@code party} and {@code direction}: {@code received} from a partner for a delivery,
     * {@code sent} by the gateway for a partner's message. */
    public static final String AS4_RECEIPTS = "gateway.as4.receipts";
    /** Gauge: certificates expiring within the warning period (published by the certificate inventory). */
    public static final String CERTIFICATES_EXPIRING = "gateway.certificates.expiring";
    /** Gauge: days until the first certificate expires (published by the certificate inventory). */
    public static final String CERTIFICATES_DAYS_LEFT = "gateway.certificates.days.left.min";
    /** Timer (camel-micrometer): time of each Camel route, by {@code routeId}: the intake's stages and each partner's delivery. */
    public static final String ROUTE_TIME = "camel.route.policy";

    public static final String PARTY = "party";
    public static final String TYPE = "type";
    public static final String STATUS = "status";
    public static final String CODE = "code";
    public static final String CHANNEL = "channel";
    public static final String DIRECTION = "direction";
    /** A tag value not known (e.g. a document whose type could not be read). */
    public static final String UNKNOWN = "UNKNOWN";

    /** Histogram buckets of the latency timers: from an intake's milliseconds to an hour-long outage of a partner. */
    static final List<Duration> LATENCY_BUCKETS = List.of(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1));

    private GatewayMetrics() {
    }

    static String orUnknown(String value) {
        return value == null ? UNKNOWN : value;
    }
}
