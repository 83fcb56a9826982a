package org.casw.sandbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox plugs into the gateway in development only: under the production profile nothing of it loads. */
class SandboxAutoConfigurationTest {

    @Test
    void theProductionProfileLoadsNoSandboxBean() {
        new ApplicationContextRunner()
                .withInitializer(context -> context.getEnvironment().setActiveProfiles("production"))
                .withConfiguration(AutoConfigurations.of(SandboxAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SandboxAutoConfiguration.class).doesNotHaveBean(SandboxProperties.class)
                            .doesNotHaveBean(SandboxCustoms.class).doesNotHaveBean(SandboxWindows.class).doesNotHaveBean(SandboxAccess.class);
                });
    }

    @Test
    void theSandboxDefaultsRankBelowEveryOtherSourceAndNeverApplyInProduction() {
        StandardEnvironment development = new StandardEnvironment();
        development.getSystemProperties().put("sandbox.customs.delay", "5s");
        new SandboxDefaults().postProcessEnvironment(development, new SpringApplication());
        assertThat(development.getProperty("sandbox.customs.enabled")).isEqualTo("true");
        assertThat(development.getProperty("sandbox.customs.party")).isEqualTo("CN-CUSTOMS");
        assertThat(development.getProperty("sandbox.customs.delay")).as("a system property overrides the default").isEqualTo("5s");

        StandardEnvironment production = new StandardEnvironment();
        production.setActiveProfiles("production");
        new SandboxDefaults().postProcessEnvironment(production, new SpringApplication());
        assertThat(production.getProperty("sandbox.customs.enabled")).isNull();
    }
}
