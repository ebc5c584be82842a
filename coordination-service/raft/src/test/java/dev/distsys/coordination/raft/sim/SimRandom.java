package dev.distsys.coordination.raft.sim;

import dev.distsys.coordination.raft.RandomSource;

/** The simulator's one source of randomness; every decision derives from the seed. */
final class SimRandom {

    private final RandomSource.SplitMix64 mix;

    SimRandom(long seed) {
        this.mix = (RandomSource.SplitMix64) RandomSource.seeded(seed);
    }

    int nextInt(int bound) {
        return this.mix.nextInt(bound);
    }

    /**
     * @return a value in [min, max]
     */
    int between(int min, int max) {
        return min + nextInt(max - min + 1);
    }

    boolean chance(double probability) {
        return probability > 0 && (this.mix.nextLong() >>> 11) * 0x1.0p-53 < probability;
    }

    long nextLong() {
        return this.mix.nextLong();
    }

    /**
     * @return a child source for one node's election jitter
     */
    RandomSource fork() {
        return RandomSource.seeded(nextLong());
    }

}
