package dev.distsys.coordination.raft.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleTests {

    @Test
    void shouldRejectTransitionsFigureFourDoesNotDraw() {
        Role follower = new Role.Follower();
        Role leader = new Role.Leader(null);
        assertThatThrownBy(() -> Role.check(follower, leader)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Follower -> Leader");
        assertThatThrownBy(() -> Role.check(leader, new Role.Candidate(new Role.VoteTally())))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Role.check(leader, new Role.PreCandidate(new Role.VoteTally())))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldAllowTheTransitionsOfAnElection() {
        Role.VoteTally tally = new Role.VoteTally();
        assertThatCode(() -> {
            Role.check(new Role.Follower(), new Role.PreCandidate(tally));
            Role.check(new Role.PreCandidate(tally), new Role.Candidate(tally));
            Role.check(new Role.Candidate(tally), new Role.Leader(null));
            Role.check(new Role.Leader(null), new Role.Follower());
            Role.check(new Role.Candidate(tally), new Role.PreCandidate(tally));
        }).doesNotThrowAnyException();
    }

}
