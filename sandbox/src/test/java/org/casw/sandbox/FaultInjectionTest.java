package org.casw.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fault injection draws from its rates with a seedable random: reproducible, off by default, checked at start-up. */
class FaultInjectionTest {

    @Test
    void theSameSeedGivesTheSameFaults() {
        assertThat(draws(new FaultInjection(0.3, 0.3, 0.2, 7L), 200)).isEqualTo(draws(new FaultInjection(0.3, 0.3, 0.2, 7L), 200));
        assertThat(draws(new FaultInjection(0.3, 0.3, 0.2, 7L), 200)).contains(FaultInjection.Fault.values());
    }

    @Test
    void ratesOfZeroInjectNothingAndOneAlwaysInjects() {
        assertThat(draws(FaultInjection.of("sg-nsw", SandboxProperties.Partner.disabled()), 100)).containsOnly(FaultInjection.Fault.NONE);
        assertThat(draws(new FaultInjection(1.0, 0, 0, null), 100)).containsOnly(FaultInjection.Fault.ERROR);
        assertThat(draws(new FaultInjection(0, 1.0, 0, null), 100)).containsOnly(FaultInjection.Fault.TIMEOUT);
        assertThat(draws(new FaultInjection(0, 0, 1.0, null), 100)).containsOnly(FaultInjection.Fault.INVALID_SIGNATURE);
    }

    @Test
    void ratesOutsideZeroToOneOrAddingUpToMoreThanOneAreRefused() {
        assertThatThrownBy(() -> FaultInjection.of("port", settings(1.5, 0))).hasMessageContaining("sandbox.port.error-rate");
        assertThatThrownBy(() -> FaultInjection.of("port", settings(0.6, 0.6))).hasMessageContaining("add up to more than 1");
    }

    private static SandboxProperties.Partner settings(double error, double timeout) {
        return new SandboxProperties.Partner(true, "PORT-QINZHOU", "k", Duration.ofSeconds(1), error, timeout, 0, 1L, "XML", true);
    }

    private static List<FaultInjection.Fault> draws(FaultInjection faults, int n) {
        List<FaultInjection.Fault> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(faults.next());
        }
        return out;
    }
}
