package dev.distsys.coordination.raft.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main test of the Raft core: many seeded runs across fault profiles.
 * {@code -Dsim.seeds=N} runs more seeds (from {@code -Dsim.firstSeed}, default 1);
 * {@code -Dsim.seed=S} replays one.
 */
class SimulatorTests {

    private static final int DEFAULT_SEEDS = 5000;

    @Test
    void shouldKeepSafetyAndLivenessAcrossSeeds() {
        String single = System.getProperty("sim.seed");
        if (single != null && !single.isBlank()) {
            SimCluster.Stats stats = new SimCluster(Long.parseLong(single.trim())).run();
            assertThat(stats.operations()).isPositive();
            return;
        }
        int seeds = Integer.getInteger("sim.seeds", DEFAULT_SEEDS);
        long first = Long.getLong("sim.firstSeed", 1L);
        long operations = 0;
        SimCluster.Counters total = new SimCluster.Counters();
        long started = System.nanoTime();
        for (long seed = first; seed < first + seeds; seed++) {
            SimCluster.Stats stats = new SimCluster(seed).run();
            operations += stats.operations();
            total.add(stats.counters());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("simulator: %d seeds from %d, %d client operations checked, %d ms; %s%n", seeds, first,
                operations, millis, total);
        assertThat(operations).isGreaterThan(seeds * 10L);
    }

}
