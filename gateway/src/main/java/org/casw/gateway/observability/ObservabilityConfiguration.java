package org.casw.gateway.observability;

import java.time.Clock;
import java.time.Duration;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.ledger.MessageEvents;
import org.casw.routes.partner.PartnerDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import io.micrometer.core.instrument.MeterRegistry;

/** The gateway's own figures for operators: partner backlogs, and the metrics, logs and traces built on them. */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    /** Read in-VM from the embedded broker; through the management address from an external one. */
    @Bean
    PartnerBacklog partnerBacklog(PartnerDirectory partners, PartnerSuspensions suspensions, ObjectProvider<EmbeddedActiveMQ> embedded,
            ConnectionFactory connections, JdbcTemplate jdbc, @Value("${management.gateway.backlog-refresh:1s}") Duration refresh,
            @Value("${management.gateway.broker-timeout:2s}") Duration brokerTimeout) {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        BrokerQueues queues = broker != null
                ? new EmbeddedBrokerQueues(broker.getActiveMQServer(), Clock.systemUTC())
                : new ManagedBrokerQueues(connections, brokerTimeout);
        return new PartnerBacklog(partners, suspensions, queues, jdbc, refresh);
    }

    /** Each message's milestones counted and timed; the routes are told them once per message. */
    @Bean
    MessageEvents messageEvents(MeterRegistry registry) {
        return new MeteredMessages(registry);
    }

    /** Every partner's backlog as gauges over one shared reading. */
    @Bean
    Object partnerBacklogGauges(MeterRegistry registry, PartnerBacklog backlog, PartnerDirectory partners) {
        BacklogGauges.register(registry, backlog, partners);
        return BacklogGauges.class;
    }
}
