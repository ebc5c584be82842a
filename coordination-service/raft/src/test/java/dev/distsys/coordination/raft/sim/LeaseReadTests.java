package dev.distsys.coordination.raft.sim;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Lease reads (off by default) under the simulator's clock skew (node clocks run at
 * 0.75–1.25 of real time): with a drift bound that covers the skew, histories stay
 * linearizable. The simulator is not adversarial enough to break leases with a too-small
 * bound (1 tick also passed 1,800 seeds), so this guards the lease path against
 * regressions rather than proving the bound.
 */
class LeaseReadTests {

    private static final int DRIFT_TICKS = 6;

    @Test
    void shouldStayLinearizableWithLeaseReadsWithinTheDriftBound() {
        for (FaultProfile profile : new FaultProfile[] { FaultProfile.PARTITIONS, FaultProfile.LOSSY,
                FaultProfile.CHAOS }) {
            for (long seed = 1; seed <= 100; seed++) {
                long current = seed;
                assertThatCode(() -> new SimCluster(current, profile, Set.of(),
                        (config) -> config.withLeaseReadDriftTicks(DRIFT_TICKS))
                    .run()).as("profile %s seed %d", profile.name(), seed).doesNotThrowAnyException();
            }
        }
    }

}
