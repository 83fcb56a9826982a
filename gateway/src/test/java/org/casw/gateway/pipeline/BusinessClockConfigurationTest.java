package org.casw.gateway.pipeline;

import java.time.Clock;
import java.time.Instant;
import org.casw.testsupport.SampleEra;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The business clock is the system's unless a test fixes it, and production never runs on a fixed one. */
class BusinessClockConfigurationTest {

    private final BusinessClockConfiguration configuration = new BusinessClockConfiguration();

    @Test
    void withoutTheTestPropertyTheGatewayJudgesDatesByTheSystemClock() {
        assertThat(configuration.businessClock(new MockEnvironment())).isEqualTo(Clock.systemUTC());
    }

    @Test
    void theSampleEraNamesThisSetting() {
        assertThat(SampleEra.PROPERTY).isEqualTo(BusinessClockConfiguration.TEST_PROPERTY);
    }

    @Test
    void aTestFixesTheBusinessClockAtAnInstant() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(BusinessClockConfiguration.TEST_PROPERTY, "2026-12-01T04:00:00Z");

        assertThat(configuration.businessClock(environment).instant()).isEqualTo(Instant.parse("2026-12-01T04:00:00Z"));
    }

    @Test
    void theProductionProfileRefusesAFixedBusinessClock() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(BusinessClockConfiguration.TEST_PROPERTY, "2026-12-01T04:00:00Z");
        environment.setActiveProfiles("production");

        assertThatThrownBy(() -> configuration.businessClock(environment)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("production profile").hasMessageContaining(BusinessClockConfiguration.TEST_PROPERTY);
    }

    @Test
    void anInstantThatDoesNotParseSaysWhatIsExpected() {
        MockEnvironment environment = new MockEnvironment().withProperty(BusinessClockConfiguration.TEST_PROPERTY, "2026-12-01");

        assertThatThrownBy(() -> configuration.businessClock(environment)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ISO instant");
    }
}
