package org.casw.kit.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/** The demo's sea-rail import waited on with Awaitility instead of its polling loop: same scenario, no sleeps in tests. */
public final class AwaitilityWaiter implements SeaRailImportScenario.Waiter {

    public static final SeaRailImportScenario.Waiter INSTANCE = new AwaitilityWaiter();

    private AwaitilityWaiter() {
    }

    @Override
    public <T> Optional<T> until(Supplier<T> probe, Predicate<T> done, Duration atMost) {
        try {
            return Optional.of(await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(probe::get,
                    v -> v != null && done.test(v)));
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
    }
}
