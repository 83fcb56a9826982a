package org.casw.routes.intake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketTakesItsBurstAtOnceThenOneTokenPerPeriod() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);

        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).as("empty: half a second until the next token at 2/s").isEqualTo(SECOND / 2);
        assertThat(bucket.take(SECOND / 4)).as("a quarter of a second later, a quarter to go").isEqualTo(SECOND / 4);
        assertThat(bucket.take(SECOND / 2)).isZero();
        assertThat(bucket.take(SECOND / 2)).isPositive();
    }

    @Test
    void aQuietSpellRefillsTheBucketOnlyUpToItsCapacity() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        bucket.take(0);
        bucket.take(0);

        long hourLater = 3600 * SECOND;
        assertThat(bucket.take(hourLater)).isZero();
        assertThat(bucket.take(hourLater)).isZero();
        assertThat(bucket.take(hourLater)).as("two tokens, not 36,000").isPositive();
    }

    @Test
    void aClockThatStepsBackNeitherAddsNorRemovesTokens() {
        TokenBucket bucket = new TokenBucket(1, 1, 10 * SECOND);
        assertThat(bucket.take(10 * SECOND)).isZero();

        assertThat(bucket.take(5 * SECOND)).isEqualTo(SECOND);
        assertThat(bucket.take(11 * SECOND)).isZero();
    }
}
