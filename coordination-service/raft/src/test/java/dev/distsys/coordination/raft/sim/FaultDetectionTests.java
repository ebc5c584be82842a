package dev.distsys.coordination.raft.sim;

import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.distsys.coordination.raft.RaftConfig;
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
    void shouldCatchStaleReadsServedWithoutConfirmingLeadership() {
        // Without check-quorum a deposed leader keeps believing it leads; only ReadIndex
        // stops it.
        assertThat(firstFailingSeed(UnsafeFault.SERVE_READS_WITHOUT_QUORUM, FaultProfile.PARTITIONS,
                (config) -> config.withPreVoteAndCheckQuorum(true, false)))
            .isPositive();
    }

    @Test
    void shouldCatchTruncationWithoutConflict() {
        assertThat(firstFailingSeed(UnsafeFault.TRUNCATE_WITHOUT_CONFLICT, FaultProfile.LOSSY)).isPositive();
    }

    private static long firstFailingSeed(UnsafeFault fault, FaultProfile profile) {
        return firstFailingSeed(fault, profile, UnaryOperator.identity());
    }

    private static long firstFailingSeed(UnsafeFault fault, FaultProfile profile, UnaryOperator<RaftConfig> tweak) {
        for (long seed = 1; seed <= SEED_BUDGET; seed++) {
            try {
                new SimCluster(seed, profile, Set.of(fault), tweak).run();
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
