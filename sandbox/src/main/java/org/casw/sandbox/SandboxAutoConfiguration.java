package org.casw.sandbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

/**
 * The sandbox partners, plugged into the gateway when this module is on the classpath (gateway-kit.jar, the
 * end-to-end tests). The production profile never loads them: gateway.jar does not hold these classes, and
 * gateway-kit.jar skips this configuration under {@code production}.
 */
@AutoConfiguration
@Profile("!" + SandboxAutoConfiguration.PRODUCTION)
@EnableConfigurationProperties(SandboxProperties.class)
@Import({SandboxSecurity.class, SandboxCustoms.class, SandboxPort.class, SandboxRail.class, SandboxWindows.class,
        SandboxFaultsPage.class})
public class SandboxAutoConfiguration {

    static final String PRODUCTION = "production";
}
