package org.casw.gateway.observability;

import java.util.concurrent.TimeUnit;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

/** Each partner's backlog as gauges: read when scraped, from one shared reading of the broker and the ledger. */
final class BacklogGauges {

    private BacklogGauges() {
    }

    static void register(MeterRegistry registry, PartnerBacklog backlog, PartnerDirectory partners) {
        for (PartnerProfile partner : partners.all()) {
            String party = partner.id();
            Gauge.builder(GatewayMetrics.QUEUE_DEPTH, backlog, b -> depth(b.queue(party)))
                    .description("Documents waiting in the partner's delivery queue").tag(GatewayMetrics.PARTY, party).register(registry);
            Gauge.builder(GatewayMetrics.DEAD_LETTERS, backlog, b -> deadLetters(b.queue(party)))
                    .description("The partner's dead letters still FAILED").tag(GatewayMetrics.PARTY, party).register(registry);
            TimeGauge.builder(GatewayMetrics.QUEUE_OLDEST_AGE, backlog, TimeUnit.MILLISECONDS, b -> ageMillis(b.queue(party)))
                    .description("Age of the oldest document waiting for the partner").tag(GatewayMetrics.PARTY, party).register(registry);
            Gauge.builder(GatewayMetrics.SUSPENDED, backlog, b -> b.suspended().contains(party) ? 1 : 0)
                    .description("1 while the partner's delivery is suspended").tag(GatewayMetrics.PARTY, party).register(registry);
        }
        Gauge.builder(GatewayMetrics.DEAD_LETTERS_UNPROCESSED, backlog, b -> unknownAsNaN(b.unprocessedDeadLetters()))
                .description("Messages left on the broker's dead-letter queue that the gateway could not record").register(registry);
    }

    private static double depth(PartnerQueue queue) {
        return queue == null ? Double.NaN : unknownAsNaN(queue.depth());
    }

    private static double deadLetters(PartnerQueue queue) {
        return queue == null ? Double.NaN : queue.deadLetters();
    }

    private static double ageMillis(PartnerQueue queue) {
        return queue == null || queue.oldestAge() == null ? Double.NaN : queue.oldestAge().toMillis();
    }

    private static double unknownAsNaN(long value) {
        return value == PartnerQueue.UNKNOWN ? Double.NaN : value;
    }
}
