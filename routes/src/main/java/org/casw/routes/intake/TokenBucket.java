package org.casw.routes.intake;

/**
 * A token bucket on a nanosecond clock: it fills at a steady rate up to its capacity, and each submission takes
 * one token. A party may send a burst of {@code capacity} at once, then at {@code rate} per second.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long filledAt;

    TokenBucket(double ratePerSecond, int capacity, long now) {
        this.tokensPerNano = ratePerSecond / NANOS_PER_SECOND;
        this.capacity = capacity;
        this.tokens = capacity;
        this.filledAt = now;
    }

    /** Takes a token at {@code now}: 0 when taken, else the nanoseconds until one will be there (nothing is taken). */
    synchronized long take(long now) {
        if (now > filledAt) {
            tokens = Math.min(capacity, tokens + (now - filledAt) * tokensPerNano);
            filledAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano));
    }
}
