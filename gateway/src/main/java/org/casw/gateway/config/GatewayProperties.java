package org.casw.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartyRole;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's configuration ({@code gateway.*} in application.yml): where it keeps its data,
 * its limits, the partner agreements and the routing rules.
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("10MB") DataSize maxPayloadSize,
        @DefaultValue("2") int deliveryConsumers,
        @DefaultValue("30s") Duration deliveryTimeout,
        Map<String, Partner> partners,
        List<RoutingRule> routing,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Broker broker,
        @DefaultValue EmbeddedDatabase embeddedDatabase) {

    /** One party's agreement. API keys are stored only as {@code sha256:<hex>} digests. */
    public record Partner(String name, PartyRole role, List<String> identifiers, List<String> apiKeys,
            @DefaultValue Delivery delivery, String inboundAddress, String replyAddress,
            @DefaultValue("false") boolean suspended) {
    }

    /** How documents reach a party. */
    public record Delivery(@DefaultValue("MAILBOX") DeliveryChannel channel, String url) {
    }

    /** Sends every document of a type to one receiver. */
    public record RoutingRule(DocumentType documentType, String to) {
    }

    /** The sandbox China customs partner: answers delivered declarations with L then P receipts. */
    public record Sandbox(@DefaultValue("false") boolean customsEnabled, @DefaultValue("CN-CUSTOMS") String customsPartyId,
            String customsApiKey, @DefaultValue("2s") Duration customsReceiptDelay) {
    }

    /** Broker retry policy for deliveries and the loopback acceptor for port and rail systems. */
    public record Broker(@DefaultValue("10") int maxDeliveryAttempts, @DefaultValue("1s") Duration redeliveryDelay,
            @DefaultValue("2.0") double redeliveryMultiplier, @DefaultValue("5m") Duration maxRedeliveryDelay,
            @DefaultValue("") String acceptorUrl) {
    }

    /** The embedded PostgreSQL used when no {@code spring.datasource.url} is set (0 = any free port). */
    public record EmbeddedDatabase(@DefaultValue("0") int port) {
    }
}
