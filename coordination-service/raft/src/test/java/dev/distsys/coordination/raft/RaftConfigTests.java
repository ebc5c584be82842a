package dev.distsys.coordination.raft;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RaftConfigTests {

    @Test
    void shouldAcceptTheDefaultsWithPreVoteAndCheckQuorumOnAndLeaseReadsOff() {
        RaftConfig config = RaftConfig.ofDefaults(1).validate();
        assertThat(config.preVote()).isTrue();
        assertThat(config.checkQuorum()).isTrue();
        assertThat(config.leaseReadDriftTicks()).isZero();
    }

    @Test
    void shouldListEveryProblemAndSayWhatToFix() {
        RaftConfig config = RaftConfig.ofDefaults(0).withElectionTicks(2, 2, 1);
        assertThatThrownBy(config::validate).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("id must be positive")
            .hasMessageContaining("electionTimeoutTicksMin must exceed 2 x heartbeatTicks")
            .hasMessageContaining("electionTimeoutTicksMax must exceed electionTimeoutTicksMin");
    }

    @Test
    void shouldRequireCheckQuorumForLeaseReads() {
        RaftConfig config = RaftConfig.ofDefaults(1).withPreVoteAndCheckQuorum(true, false).withLeaseReadDriftTicks(2);
        assertThatThrownBy(config::validate)
            .hasMessageContaining("lease reads (leaseReadDriftTicks > 0) require checkQuorum");
    }

}
