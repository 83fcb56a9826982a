package org.casw.gateway.broker;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The external broker ({@code spring.artemis.mode=native}): where the gateway's broker password is kept
 * (a file, never configuration) and how long start-up waits for the broker before refusing to start.
 * Bound as {@code gateway.broker.external.*} within {@link org.casw.gateway.config.GatewayProperties}.
 */
public record ExternalBrokerProperties(Path passwordFile, @DefaultValue("10s") Duration connectTimeout) {
}
