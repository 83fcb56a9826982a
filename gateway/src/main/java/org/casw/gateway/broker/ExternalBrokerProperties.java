package org.casw.gateway.broker;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The external broker ({@code spring.artemis.mode=native}): where the gateway's broker password is kept
 * (a file, never configuration) and how long start-up waits for the broker before refusing to start.
 */
@ConfigurationProperties("gateway.broker.external")
public record ExternalBrokerProperties(Path passwordFile, @DefaultValue("10s") Duration connectTimeout) {
}
