package org.casw.gateway.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing at the console: after {@link #ATTEMPTS} wrong secrets for one name within {@link #WINDOW},
 * that name is refused (even with the right secret) until the window has passed since the last wrong one. Kept in
 * the node's memory, per name, so a guesser cannot lock out anyone for longer than the window.
 */
final class LoginThrottle {

    static final int ATTEMPTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Names remembered at most, so guessing many names cannot fill the memory. */
    private static final int NAMES = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether the name has had too many wrong secrets lately. */
    boolean blocked(String name) {
        Deque<Instant> recent = failures.get(key(name));
        if (recent == null) {
            return false;
        }
        synchronized (recent) {
            prune(recent);
            return recent.size() >= ATTEMPTS;
        }
    }

    void failed(String name) {
        if (failures.size() >= NAMES) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue());
                    return e.getValue().isEmpty();
                }
            });
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(name), k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent);
            recent.addLast(clock.instant());
            while (recent.size() > ATTEMPTS) {
                recent.removeFirst();
            }
        }
    }

    void succeeded(String name) {
        failures.remove(key(name));
    }

    private void prune(Deque<Instant> recent) {
        Instant since = clock.instant().minus(WINDOW);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(since)) {
            recent.removeFirst();
        }
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
