package dev.distsys.gateway.ratelimit;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at
 * {@code refillPerSecond}; a request takes one. Thread-safe. Time comes from the caller.
 */
public final class TokenBucket {

    private final long capacity;

    private final double refillPerNano;

    private double tokens;

    private long lastNanos;

    public TokenBucket(long capacity, double refillPerSecond, long nowNanos) {
        if (capacity < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("capacity >= 1 and refillPerSecond > 0 required");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    public synchronized Decision tryTake(long nowNanos) {
        if (nowNanos > this.lastNanos) {
            this.tokens = Math.min(this.capacity, this.tokens + (nowNanos - this.lastNanos) * this.refillPerNano);
            this.lastNanos = nowNanos;
        }
        boolean allowed = this.tokens >= 1;
        if (allowed) {
            this.tokens -= 1;
        }
        long untilNext = allowed ? 0 : (long) Math.ceil((1 - this.tokens) / this.refillPerNano);
        long untilFull = (long) Math.ceil((this.capacity - this.tokens) / this.refillPerNano);
        return new Decision(allowed, this.capacity, (long) Math.floor(this.tokens), untilNext, untilFull);
    }

    /**
     * The outcome of one {@link #tryTake}.
     *
     * @param allowed whether a token was taken
     * @param limit the bucket's capacity
     * @param remaining whole tokens left
     * @param retryAfterNanos when refused, the time until a token is available
     * @param resetNanos the time until the bucket is full again
     */
    public record Decision(boolean allowed, long limit, long remaining, long retryAfterNanos, long resetNanos) {

        public long retryAfterSeconds() {
            return Math.max(1, ceilSeconds(this.retryAfterNanos));
        }

        public long resetSeconds() {
            return ceilSeconds(this.resetNanos);
        }

        private static long ceilSeconds(long nanos) {
            return (nanos + 999_999_999L) / 1_000_000_000L;
        }

    }

}
