package org.casw.routes.partner;

/**
 * How much one party may submit: a sustained rate with a burst allowance (a token bucket), and how many of its
 * submissions may be in progress at once. A zero leaves that dimension unlimited.
 *
 * @param ratePerSecond tokens added per second; each submission takes one
 * @param burst         the bucket's size: submissions accepted at once after a quiet spell
 * @param inFlight      submissions of this party the intake works on at the same time
 */
public record PartyLimits(double ratePerSecond, int burst, int inFlight) {

    /** No limit at all. */
    public static final PartyLimits NONE = new PartyLimits(0, 0, 0);

    public PartyLimits {
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond) || Double.isInfinite(ratePerSecond) || burst < 0 || inFlight < 0) {
            throw new IllegalArgumentException("limits must be finite and not negative (rate " + ratePerSecond + "/s, burst "
                    + burst + ", in-flight " + inFlight + ")");
        }
        // a bucket smaller than one token would refuse everything
        burst = ratePerSecond > 0 ? Math.max(1, burst) : burst;
    }

    public boolean limitsRate() {
        return ratePerSecond > 0;
    }

    public boolean limitsInFlight() {
        return inFlight > 0;
    }

    @Override
    public String toString() {
        return (limitsRate() ? "rate " + (ratePerSecond == Math.rint(ratePerSecond) ? String.valueOf((long) ratePerSecond)
                : String.valueOf(ratePerSecond)) + "/s, burst " + burst : "no rate limit")
                + (limitsInFlight() ? ", in-flight " + inFlight : ", no in-flight cap");
    }
}
