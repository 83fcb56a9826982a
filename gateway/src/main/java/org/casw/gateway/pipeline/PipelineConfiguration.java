package org.casw.gateway.pipeline;

import java.time.Clock;
import java.util.List;
import jakarta.jms.ConnectionFactory;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.DeliveryCredentials;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.aeo.AeoLanes;
import org.casw.routes.aeo.AeoRecognition;
import org.casw.routes.aeo.AeoRegistry;
import org.casw.routes.aggregate.AggregateDeclarations;
import org.casw.routes.aggregate.AggregateLedger;
import org.casw.routes.aggregate.AggregateReceipts;
import org.casw.routes.delivery.DeliveryRoutes;
import org.casw.routes.delivery.DeliverySteps;
import org.casw.routes.delivery.FileDropChannel;
import org.casw.routes.delivery.HttpChannel;
import org.casw.routes.delivery.JmsChannel;
import org.casw.routes.delivery.MailboxChannel;
import org.casw.routes.delivery.PartnerChannel;
import org.casw.routes.intake.FileDropRoutes;
import org.casw.routes.intake.GatewayReceipts;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.IntakeSteps;
import org.casw.routes.intake.JmsInboundRoutes;
import org.casw.routes.intake.SubmissionLimits;
import org.casw.routes.ledger.MessageEvents;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.rules.TradeRecords;
import org.casw.routes.rules.declaration.DeclarationHistory;
import org.casw.routes.rules.manifest.ManifestHistory;
import org.casw.routes.signature.SignaturePolicies;
import org.casw.routes.transform.PartyFormats;
import org.casw.routes.validation.DocumentValidator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires the Camel routes of {@code routes/} to the gateway's ledger, partners and channels. */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {

    /** Counter of submissions refused over their party's limits, tagged {@code party} and {@code code}. */
    public static final String LIMITED_SUBMISSIONS = "gateway.submissions.limited";

    /** The business rules judge a document's dates by the business clock (see {@link BusinessClockConfiguration}). */
    @Bean
    DocumentValidator documentValidator(DeclarationHistory declarations, ManifestHistory manifests, CertificateRegistry certificates,
            Clock businessClock) {
        return new DocumentValidator(new TradeRecords(declarations, manifests, certificates), businessClock);
    }

    @Bean
    IntakeRoute intakeRoute(MessageLedger ledger, PartnerDirectory partners, DocumentValidator validator,
            CertificateRegistry certificates, SignaturePolicies signatures, PartyFormats formats, AggregateDeclarations aggregates,
            AeoRegistry aeo, AeoRecognition recognition, PartnerSuspensions suspensions, SubmissionLimits limits, Clock businessClock,
            ObjectProvider<MessageEvents> events) {
        // events: each document's outcome told to the metrics (org.casw.gateway.observability)
        return new IntakeRoute(new IntakeSteps(ledger, partners, validator, certificates, signatures, formats, aggregates, aeo,
                recognition, suspensions, businessClock), limits, events.getIfAvailable(() -> MessageEvents.NONE));
    }

    /** Each party's rate and in-flight limits at the head of the intake; refusals counted per party and code. */
    @Bean
    SubmissionLimits submissionLimits(PartnerDirectory partners, ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        return new SubmissionLimits(partners, registry == null ? (party, code) -> { }
                : (party, code) -> registry.counter(LIMITED_SUBMISSIONS, "party", party, "code", code).increment());
    }

    /** The AEO programmes recognised for the fast lane, checked at start-up: a mistake stops the gateway naming the setting. */
    @Bean
    AeoRecognition aeoRecognition(GatewayProperties properties) {
        return AeoRecognition.of(properties.aeo().recognised(), "gateway.aeo.recognised");
    }

    /** Aggregate declarations: split per consignment, answered with aggregate receipts (stamped at the real time). */
    @Bean
    AggregateDeclarations aggregateDeclarations(AggregateLedger aggregates, MessageLedger ledger, PartnerDirectory partners,
            AeoRegistry aeo, AeoRecognition recognition, Clock businessClock) {
        return new AggregateDeclarations(aggregates, ledger, partners, new AggregateReceipts(Clock.systemUTC()),
                new AeoLanes(aeo, recognition), businessClock);
    }

    @Bean
    GatewayReceipts gatewayReceipts() {
        return new GatewayReceipts();
    }

    @Bean
    JmsInboundRoutes jmsInboundRoutes(PartnerDirectory partners, GatewayReceipts receipts, GatewayProperties properties) {
        return new JmsInboundRoutes(partners, receipts, properties.maxPayloadSize().toBytes(), properties.inboundConsumers());
    }

    @Bean
    FileDropRoutes fileDropRoutes(PartnerDirectory partners, GatewayReceipts receipts, GatewayProperties properties) {
        return new FileDropRoutes(partners, receipts, properties.maxPayloadSize().toBytes());
    }

    @Bean
    FileDropChannel fileDropChannel() {
        return new FileDropChannel();
    }

    @Bean
    DeliveryRoutes deliveryRoutes(MessageLedger ledger, PartnerDirectory partners, List<PartnerChannel> channels,
            GatewayProperties properties, PartnerSuspensions suspensions, AggregateDeclarations aggregates,
            ObjectProvider<MessageEvents> events) {
        // events: deliveries, failed attempts and dead letters told to the metrics (org.casw.gateway.observability)
        return new DeliveryRoutes(partners, new DeliverySteps(ledger, partners, channels, aggregates,
                events.getIfAvailable(() -> MessageEvents.NONE)), properties.deliveryConsumers(), suspensions.suspended());
    }

    @Bean
    MailboxChannel mailboxChannel() {
        return new MailboxChannel();
    }

    @Bean
    JmsChannel jmsChannel(ConnectionFactory connectionFactory) {
        return new JmsChannel(connectionFactory);
    }

    /**
     * Loopback partners (the sandbox) are configured with {@code {local.server.port}}, known only once the server runs;
     * a partner whose agreement names a token file is delivered to with that bearer token.
     */
    @Bean
    HttpChannel httpChannel(Environment environment, GatewayProperties properties, DeliveryCredentials credentials) {
        return new HttpChannel(url -> url.replace("{local.server.port}", environment.getProperty("local.server.port", "8080")),
                properties.deliveryTimeout(), credentials::authorization);
    }
}
