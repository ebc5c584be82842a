package dev.distsys.coordination.raft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API contracts of the node that the simulator does not pin down by name. */
class RaftNodeTests {

    private final Map<Long, RaftNode> nodes = new TreeMap<>();

    private final ArrayDeque<Message> inflight = new ArrayDeque<>();

    private final List<ReadState> reads = new ArrayList<>();

    private void cluster(UnaryOperator<RaftConfig> tweak) {
        Membership membership = new Membership(Set.of(1L, 2L, 3L), Set.of());
        for (long id = 1; id <= 3; id++) {
            this.nodes.put(id,
                    RaftNode.bootstrap(tweak.apply(RaftConfig.ofDefaults(id)), RandomSource.seeded(id), membership));
        }
        this.nodes.get(1L).campaign();
        settle();
    }

    private void settle() {
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (RaftNode node : this.nodes.values()) {
                while (node.hasReady()) {
                    Ready ready = node.ready();
                    this.inflight.addAll(ready.messages());
                    this.reads.addAll(ready.readStates());
                    node.advance(ready);
                    progressed = true;
                }
            }
            while (!this.inflight.isEmpty()) {
                Message message = this.inflight.poll();
                this.nodes.get(message.to()).step(message);
                progressed = true;
            }
        }
    }

    @Test
    void shouldElectTheCampaignerAndCommitItsNoop() {
        cluster(UnaryOperator.identity());
        RaftNode leader = this.nodes.get(1L);
        assertThat(leader.isLeader()).isTrue();
        assertThat(leader.term()).isEqualTo(2);
        assertThat(leader.commitIndex()).isEqualTo(2);
    }

    @Test
    void shouldRefuseASecondReadyBeforeAdvance() {
        cluster(UnaryOperator.identity());
        RaftNode leader = this.nodes.get(1L);
        leader.propose(new byte[] { 1 });
        Ready ready = leader.ready();
        assertThat(leader.hasReady()).isFalse();
        assertThatThrownBy(leader::ready).isInstanceOf(IllegalStateException.class).hasMessageContaining("advance");
        assertThatThrownBy(() -> leader.advance(new Ready(null, List.of(), null, List.of(), List.of(), List.of())))
            .isInstanceOf(IllegalStateException.class);
        leader.advance(ready);
    }

    @Test
    void shouldNameTheLeaderWhenAFollowerIsAsked() {
        cluster(UnaryOperator.identity());
        assertThatThrownBy(() -> this.nodes.get(2L).propose(new byte[] { 1 })).isInstanceOf(NotLeaderException.class)
            .satisfies((ex) -> assertThat(((NotLeaderException) ex).leaderHint()).isEqualTo(1L));
        assertThatThrownBy(() -> this.nodes.get(3L).readIndex(new byte[] { 1 })).isInstanceOf(NotLeaderException.class);
    }

    @Test
    void shouldRefuseProposalsBeyondTheUncommittedBudget() {
        cluster((config) -> config.withLimits(8, 8, 1024, 1 << 20, 1024));
        RaftNode leader = this.nodes.get(1L);
        leader.propose(new byte[600_000]);
        assertThatThrownBy(() -> leader.propose(new byte[600_000])).isInstanceOf(ProposalDroppedException.class)
            .satisfies((ex) -> assertThat(((ProposalDroppedException) ex).reason())
                .isEqualTo(ProposalDroppedException.Reason.UNCOMMITTED_BUDGET_EXCEEDED));
        settle();
        leader.propose(new byte[600_000]);
    }

    @Test
    void shouldReleaseAReadOnlyAfterAHeartbeatRoundByDefault() {
        cluster(UnaryOperator.identity());
        RaftNode leader = this.nodes.get(1L);
        leader.readIndex("r".getBytes());
        Ready ready = leader.ready();
        assertThat(ready.readStates()).isEmpty();
        assertThat(ready.messages()).hasOnlyElementsOfType(Message.Heartbeat.class).hasSize(2);
        this.inflight.addAll(ready.messages());
        leader.advance(ready);
        settle();
        assertThat(this.reads).singleElement().satisfies((read) -> assertThat(read.index()).isEqualTo(2));
    }

    @Test
    void shouldServeALeaseReadAtOnceOnlyWhenTheOperatorBoundsDrift() {
        cluster((config) -> config.withLeaseReadDriftTicks(3));
        RaftNode leader = this.nodes.get(1L);
        leader.tick();
        settle();
        leader.readIndex("lease".getBytes());
        Ready ready = leader.ready();
        assertThat(ready.readStates()).singleElement().satisfies((read) -> assertThat(read.index()).isEqualTo(2));
        leader.advance(ready);
    }

    @Test
    void shouldStepDownWhenAMajorityIsSilent() {
        cluster(UnaryOperator.identity());
        RaftNode leader = this.nodes.get(1L);
        for (int i = 0; i < 2 * RaftConfig.ofDefaults(1).electionTimeoutTicksMin(); i++) {
            leader.tick();
            while (leader.hasReady()) {
                leader.advance(leader.ready());
            }
        }
        assertThat(leader.isLeader()).isFalse();
    }

    @Test
    void shouldDropStoredEntriesThatDoNotContinueTheSnapshot() {
        // A crash after saving a leader's snapshot but before resetting the log.
        RaftNode node = RaftNode.restart(RaftConfig.ofDefaults(2), RandomSource.seeded(2), new HardState(7, 0, 0),
                new Snapshot(10, 6, Membership.ofVoters(1L, 2L, 3L), new byte[0]),
                List.of(Entry.normal(10, 5, null), Entry.normal(11, 5, null)));
        assertThat(node.status().lastIndex()).isEqualTo(10);
    }

    @Test
    void shouldRestartWithItsTermAndVote() {
        RaftNode node = RaftNode.restart(RaftConfig.ofDefaults(2), RandomSource.seeded(2), new HardState(7, 3, 0),
                new Snapshot(10, 6, Membership.ofVoters(1L, 2L, 3L), new byte[] { 9 }),
                List.of(Entry.normal(11, 7, new byte[] { 1 })));
        assertThat(node.term()).isEqualTo(7);
        assertThat(node.status().lastIndex()).isEqualTo(11);
        assertThat(node.status().commitIndex()).isEqualTo(10);
        node.step(new Message.VoteRequest(1, 2, 7, 11, 7, false, false));
        Ready ready = node.ready();
        assertThat(ready.messages()).singleElement().isEqualTo(new Message.VoteResponse(2, 1, 7, false, false));
    }

}
