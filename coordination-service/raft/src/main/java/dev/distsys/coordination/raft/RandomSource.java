package dev.distsys.coordination.raft;

/**
 * The only source of randomness the core uses (election jitter). The caller supplies it,
 * seeded, so that a simulation replays exactly; etcd's process-global generator is the
 * counter-example that later needed a test hook.
 */
@FunctionalInterface
public interface RandomSource {

    /**
     * Returns a uniformly distributed value in {@code [0, bound)}.
     * @param bound exclusive upper bound, positive
     * @return the next value
     */
    int nextInt(int bound);

    /**
     * A SplitMix64 generator: small, fast and fully determined by its seed.
     * @param seed the seed
     * @return a deterministic source
     */
    static RandomSource seeded(long seed) {
        return new SplitMix64(seed);
    }

    /** SplitMix64 (Steele, Lea, Flood 2014); not thread-safe, like the core itself. */
    final class SplitMix64 implements RandomSource {

        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        public long nextLong() {
            this.state += 0x9E3779B97F4A7C15L;
            long z = this.state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        @Override
        public int nextInt(int bound) {
            if (bound <= 0) {
                throw new IllegalArgumentException("bound must be positive, was " + bound);
            }
            return (int) Long.remainderUnsigned(nextLong(), bound);
        }

    }

}
