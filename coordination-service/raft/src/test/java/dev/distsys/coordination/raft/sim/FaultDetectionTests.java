package dev.distsys.coordination.raft.sim;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.distsys.coordination.raft.UnsafeFault;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the simulator can fail: each classic bug, switched on in the core, is caught
 * within a bounded number of seeds.
 */
class FaultDetectionTests {

    private static final int SEED_BUDGET = 300;

    @Test
    void shouldCatchAForgottenVote() {
        assertThat(firstFailingSeed(UnsafeFault.FORGET_VOTE, FaultProfile.CRASHES)).isPositive();
    }

    @Test
    void shouldCatchTruncationWithoutConflict() {
        assertThat(firstFailingSeed(UnsafeFault.TRUNCATE_WITHOUT_CONFLICT, FaultProfile.LOSSY)).isPositive();
    }

    private static long firstFailingSeed(UnsafeFault fault, FaultProfile profile) {
        for (long seed = 1; seed <= SEED_BUDGET; seed++) {
            try {
                new SimCluster(seed, profile, Set.of(fault)).run();
            }
            catch (SimulationFailure failure) {
                System.out.printf("%s caught by seed %d: %s%n", fault, seed,
                        failure.getMessage().lines().findFirst().orElse(""));
                return seed;
            }
        }
        return -1;
    }

}
