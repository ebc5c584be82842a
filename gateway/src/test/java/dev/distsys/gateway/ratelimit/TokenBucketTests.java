package dev.distsys.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAllowABurstThenRefillAtTheRate() {
        TokenBucket bucket = new TokenBucket(2, 1, 0);
        assertThat(bucket.tryTake(0).allowed()).isTrue();
        TokenBucket.Decision second = bucket.tryTake(0);
        assertThat(second.allowed()).isTrue();
        assertThat(second.remaining()).isZero();
        assertThat(second.resetSeconds()).isEqualTo(2);
        TokenBucket.Decision refused = bucket.tryTake(SECOND / 2);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(bucket.tryTake(SECOND).allowed()).isTrue();
        assertThat(bucket.tryTake(100 * SECOND).remaining()).isEqualTo(1);
    }

}
