package dev.distsys.coordination.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.distsys.coordination.raft.Message.AppendRequest;
import dev.distsys.coordination.raft.Message.AppendResponse;
import dev.distsys.coordination.raft.Message.Heartbeat;
import dev.distsys.coordination.raft.Message.HeartbeatResponse;
import dev.distsys.coordination.raft.Message.SnapshotChunk;
import dev.distsys.coordination.raft.Message.SnapshotResponse;
import dev.distsys.coordination.raft.Message.TimeoutNow;
import dev.distsys.coordination.raft.Message.VoteRequest;
import dev.distsys.coordination.raft.Message.VoteResponse;
import dev.distsys.coordination.raft.ProposalDroppedException.Reason;
import dev.distsys.coordination.raft.internal.FollowerState;
import dev.distsys.coordination.raft.internal.LeaderState;
import dev.distsys.coordination.raft.internal.Outbox;
import dev.distsys.coordination.raft.internal.RaftLog;
import dev.distsys.coordination.raft.internal.Role;
import dev.distsys.coordination.raft.internal.Role.VoteTally;

/**
 * One Raft member as a pure, single-threaded state machine (the shape of etcd-io/raft's
 * RawNode). Inputs are {@link #tick()}, {@link #step(Message)}, {@link #propose(byte[])},
 * {@link #readIndex(byte[])}, {@link #proposeConfigChange(ConfigChange)},
 * {@link #transferLeadership(long)} and {@link #compact(long, byte[])}; the output is a
 * {@link Ready} that the driver persists, sends and applies before calling
 * {@link #advance(Ready)}. The node never performs I/O, reads a clock or creates
 * randomness of its own. Not thread-safe.
 */
public final class RaftNode {

    /** The id meaning "nobody". */
    public static final long NONE = 0;

    private final RaftConfig config;

    private final RandomSource random;

    private final long id;

    private final RaftLog log;

    private final FollowerState follower;

    private final Outbox outbox = new Outbox();

    private final List<ReadState> readStates = new ArrayList<>();

    private Role role = new Role.Follower();

    private long term;

    private long vote = NONE;

    private long leader = NONE;

    private int electionElapsed;

    private int heartbeatElapsed;

    private int randomizedElectionTimeout;

    private long ticks;

    private HardState handedOutHardState;

    private Snapshot snapshotToInstall;

    private Ready outstanding;

    private RaftNode(RaftConfig config, RandomSource random, HardState hardState, RaftLog log) {
        this.config = config.validate();
        this.random = random;
        this.id = config.id();
        this.log = log;
        this.follower = new FollowerState(config, log);
        this.term = hardState.term();
        this.vote = hardState.vote();
        this.handedOutHardState = hardState;
        resetElectionTimer();
    }

    /**
     * Creates a member of a new cluster. Every initial member must be bootstrapped with
     * the same membership: it becomes log entry 1 of term 1, already committed, so that
     * members added later learn it from the log.
     * @param config this node's configuration
     * @param random seeded randomness for election jitter
     * @param initial the initial voters
     * @return the node; its first {@link Ready} persists entry 1
     */
    public static RaftNode bootstrap(RaftConfig config, RandomSource random, Membership initial) {
        if (!initial.isVoter(config.id())) {
            throw new IllegalArgumentException("node " + config.id() + " must be a voter of " + initial);
        }
        RaftLog log = new RaftLog(new Snapshot(0, 0, Membership.EMPTY, null), List.of(), 0);
        log.append(Entry.config(1, 1, initial));
        log.commitTo(1);
        RaftNode node = new RaftNode(config, random, HardState.EMPTY, log);
        node.term = 1;
        return node;
    }

    /**
     * Creates an empty node that will be added to an existing cluster (as a learner
     * first).
     * @param config this node's configuration
     * @param random seeded randomness
     * @return the node
     */
    public static RaftNode join(RaftConfig config, RandomSource random) {
        return restart(config, random, HardState.EMPTY, null, List.of());
    }

    /**
     * Recreates a node from what its storage holds.
     * @param config this node's configuration
     * @param random seeded randomness
     * @param hardState the last persisted hard state
     * @param snapshot the last persisted snapshot, or null
     * @param entries the persisted entries after the snapshot, in order
     * @return the node, a follower
     */
    public static RaftNode restart(RaftConfig config, RandomSource random, HardState hardState, Snapshot snapshot,
            List<Entry> entries) {
        Snapshot base = (snapshot != null) ? snapshot : new Snapshot(0, 0, Membership.EMPTY, null);
        return new RaftNode(config, random, hardState, new RaftLog(base, entries, hardState.commit()));
    }

    // ---- inputs

    /** Advances the logical clock by one tick. */
    public void tick() {
        this.ticks++;
        if (this.role instanceof Role.Leader) {
            tickLeader();
            return;
        }
        this.electionElapsed++;
        if (promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
            campaign(false);
        }
    }

    private void tickLeader() {
        this.heartbeatElapsed++;
        this.electionElapsed++;
        if (this.electionElapsed >= this.config.electionTimeoutTicksMin()) {
            this.electionElapsed = 0;
            if (this.config.checkQuorum() && !leaderState().quorumActive()) {
                // Dissertation §6.2: a leader cut off from its majority steps down so
                // clients look elsewhere.
                becomeFollower(this.term, NONE);
                return;
            }
        }
        leaderState().tickTransfer(this.config.electionTimeoutTicksMin());
        if (this.heartbeatElapsed >= this.config.heartbeatTicks()) {
            this.heartbeatElapsed = 0;
            leaderState().requestHeartbeat();
        }
    }

    /**
     * Starts an election now, as if the election timer had fired (pre-vote first when
     * enabled). For operators and tests; a learner or a leader ignores it.
     */
    public void campaign() {
        if (promotable() && !(this.role instanceof Role.Leader)) {
            campaign(false);
        }
    }

    /**
     * Feeds a message from a peer.
     * @param message the message, addressed to this node
     */
    public void step(Message message) {
        if (message.to() != this.id) {
            throw new IllegalArgumentException("message for " + message.to() + " delivered to " + this.id);
        }
        if (message.term() > this.term) {
            if (message instanceof VoteRequest request) {
                if (!request.transfer() && inLease()) {
                    // Dissertation §4.2.3: while a leader is heard, a removed or
                    // partitioned server must not
                    // depose it by bumping the term.
                    return;
                }
                if (!request.preVote()) {
                    becomeFollower(message.term(), NONE);
                }
            }
            else if (!(message instanceof VoteResponse response && response.preVote() && response.granted())) {
                boolean fromLeader = message instanceof AppendRequest || message instanceof Heartbeat
                        || message instanceof SnapshotChunk;
                becomeFollower(message.term(), fromLeader ? message.from() : NONE);
            }
        }
        else if (message.term() < this.term) {
            stepStale(message);
            return;
        }
        switch (message) {
            case VoteRequest request -> handleVoteRequest(request);
            case VoteResponse response -> handleVoteResponse(response);
            case AppendRequest request -> {
                hearFromLeader(request.from());
                handleAppend(request);
            }
            case Heartbeat heartbeat -> {
                hearFromLeader(heartbeat.from());
                this.log.commitTo(heartbeat.commit());
                send(new HeartbeatResponse(this.id, heartbeat.from(), this.term, heartbeat.readRound()));
            }
            case SnapshotChunk chunk -> {
                hearFromLeader(chunk.from());
                handleSnapshotChunk(chunk);
            }
            case TimeoutNow timeoutNow -> {
                if (promotable() && !(this.role instanceof Role.Leader)) {
                    becomeCandidate(true);
                }
            }
            case AppendResponse response -> {
                if (leaderState() != null) {
                    leaderState().onAppendResponse(response);
                }
            }
            case HeartbeatResponse response -> {
                if (leaderState() != null) {
                    leaderState().onHeartbeatResponse(response);
                }
            }
            case SnapshotResponse response -> {
                if (leaderState() != null) {
                    leaderState().onSnapshotResponse(response);
                }
            }
        }
    }

    /**
     * A message from an older term. A stale leader is answered with our term so that it
     * steps down (with check-quorum and pre-vote a node may otherwise never learn it was
     * replaced: etcd-io/etcd PR #5468, the "stuck peer"); a pre-vote is refused
     * explicitly so the pre-candidate need not wait for a timeout.
     */
    private void stepStale(Message message) {
        if (message instanceof AppendRequest || message instanceof Heartbeat || message instanceof SnapshotChunk) {
            send(new HeartbeatResponse(this.id, message.from(), this.term, 0));
        }
        else if (message instanceof VoteRequest request && request.preVote()) {
            send(new VoteResponse(this.id, request.from(), this.term, true, false));
        }
    }

    /**
     * Proposes a command. Only the leader accepts; the command is committed when a
     * majority stored it.
     * @param command the application's command (owned by the node afterwards)
     * @return where it was appended
     * @throws NotLeaderException if this node is not the leader
     * @throws ProposalDroppedException if a limit or a transfer refuses it
     */
    public ProposalId propose(byte[] command) {
        LeaderState state = requireLeader();
        if (command.length > this.config.maxEntryBytes()) {
            throw new ProposalDroppedException(Reason.TOO_LARGE,
                    command.length + " bytes exceed maxEntryBytes " + this.config.maxEntryBytes());
        }
        state.checkAccepting(command.length);
        Entry entry = Entry.normal(this.log.lastIndex() + 1, this.term, command);
        state.appendOwn(entry);
        return new ProposalId(entry.index(), entry.term());
    }

    /**
     * Proposes a single-server membership change (dissertation §4.1). Safety: any
     * majority of the old configuration and any majority of a configuration that differs
     * by one voter intersect, so two leaders cannot be elected by disjoint majorities in
     * one term. A configuration is used as soon as it is appended; only one may be
     * uncommitted at a time; and a leader must first commit an entry of its own term,
     * since otherwise a change appended by a deposed leader and one appended now can both
     * be in force on different servers (Ongaro, raft-dev, "bug in single-server
     * membership changes", 2015). Learners vote in nothing, so adding one is always safe;
     * promoting it then is a single-voter change. The leader cannot remove itself here:
     * transfer leadership first.
     * @param change the change
     * @return where it was appended
     * @throws NotLeaderException if this node is not the leader
     * @throws ProposalDroppedException if another change is pending or the change is
     * invalid
     */
    public ProposalId proposeConfigChange(ConfigChange change) {
        LeaderState state = requireLeader();
        state.checkAccepting(0);
        if (this.log.lastConfigIndex() > this.log.commit()) {
            throw new ProposalDroppedException(Reason.CONFIG_CHANGE_PENDING,
                    "the change at index " + this.log.lastConfigIndex() + " is not committed yet");
        }
        if (this.log.term(this.log.commit()) != this.term) {
            throw new ProposalDroppedException(Reason.CONFIG_CHANGE_PENDING,
                    "this leader has not committed an entry of term " + this.term + " yet");
        }
        Membership next = state.applyChange(this.log.membership(), change);
        Entry entry = Entry.config(this.log.lastIndex() + 1, this.term, next);
        state.membershipChanged(next);
        state.appendOwn(entry);
        return new ProposalId(entry.index(), entry.term());
    }

    /**
     * Requests a linearizable read (ReadIndex, dissertation §6.4). The answer arrives as
     * a {@link ReadState} in a later {@link Ready}; the application answers once it has
     * applied up to its index. Reads are lost, not failed, if leadership is lost first:
     * callers need a timeout.
     * @param context the caller's identifier for this read, echoed back
     * @throws NotLeaderException if this node is not the leader
     * @throws ProposalDroppedException if too many reads are waiting
     */
    public void readIndex(byte[] context) {
        requireLeader().readIndex(context);
    }

    /**
     * Hands leadership to a caught-up voter (dissertation §3.10): proposals are refused
     * meanwhile, and the transfer is abandoned after an election timeout.
     * @param target the voter to lead next
     * @throws NotLeaderException if this node is not the leader
     */
    public void transferLeadership(long target) {
        LeaderState state = requireLeader();
        if (target == this.id) {
            return;
        }
        if (!this.log.membership().isVoter(target)) {
            throw new ProposalDroppedException(Reason.CONFIG_CHANGE_INVALID, target + " is not a voter");
        }
        state.startTransfer(target);
    }

    /**
     * Tells the node that the application saved a snapshot of its state at {@code index},
     * so the log up to there may be dropped. Lagging followers will be sent this
     * snapshot.
     * @param index an applied index
     * @param data the serialized state machine at that index
     * @return the snapshot to persist (with the term and configuration at {@code index}),
     * or null if the node already has a snapshot at or past {@code index}
     */
    public Snapshot compact(long index, byte[] data) {
        if (index <= this.log.snapshot().index()) {
            return null;
        }
        if (index > this.log.applied()) {
            throw new IllegalArgumentException(
                    "cannot snapshot at " + index + ": only " + this.log.applied() + " was handed out for applying");
        }
        Snapshot snapshot = new Snapshot(index, this.log.term(index), this.log.membershipAt(index), data);
        this.log.compact(snapshot);
        return snapshot;
    }

    // ---- output

    /**
     * @return whether {@link #ready()} has anything to hand out
     */
    public boolean hasReady() {
        if (this.outstanding != null) {
            return false;
        }
        return !this.outbox.isEmpty() || (leaderState() != null && leaderState().hasPendingSends())
                || hardStateChanged() || this.log.hasUnstable() || this.log.hasCommittedToApply()
                || !this.readStates.isEmpty() || this.snapshotToInstall != null;
    }

    /**
     * Collects the next batch. Call {@link #advance(Ready)} before the next call.
     * @return the batch
     */
    public Ready ready() {
        if (this.outstanding != null) {
            throw new IllegalStateException("advance(ready) the previous Ready before asking for another");
        }
        if (leaderState() != null) {
            leaderState().flush();
        }
        HardState hardState = null;
        if (hardStateChanged()) {
            this.handedOutHardState = currentHardState();
            boolean forget = this.config.unsafeFaults().contains(UnsafeFault.FORGET_VOTE);
            hardState = forget ? new HardState(this.term, NONE, this.log.commit()) : this.handedOutHardState;
        }
        Snapshot snapshot = this.snapshotToInstall;
        this.snapshotToInstall = null;
        Ready ready = new Ready(hardState, this.log.takeUnstable(), snapshot, this.outbox.drain(),
                this.log.takeCommitted(this.config.maxCommittedBytesPerReady()), List.copyOf(this.readStates));
        this.readStates.clear();
        this.outstanding = ready;
        return ready;
    }

    /**
     * Acknowledges that the driver persisted, sent and applied the batch.
     * @param ready the batch returned by the last {@link #ready()}
     */
    public void advance(Ready ready) {
        if (ready != this.outstanding) {
            throw new IllegalStateException("advance() must acknowledge the Ready last returned");
        }
        this.outstanding = null;
        if (!ready.entries().isEmpty()) {
            Entry last = ready.entries().get(ready.entries().size() - 1);
            this.log.markPersisted(last.index(), last.term());
            if (leaderState() != null) {
                leaderState().selfPersisted();
            }
        }
    }

    private HardState currentHardState() {
        return new HardState(this.term, this.vote, this.log.commit());
    }

    private boolean hardStateChanged() {
        return this.handedOutHardState.term() != this.term || this.handedOutHardState.vote() != this.vote;
    }

    // ---- queries

    public long id() {
        return this.id;
    }

    public long term() {
        return this.term;
    }

    public long leader() {
        return this.leader;
    }

    public long commitIndex() {
        return this.log.commit();
    }

    public long appliedIndex() {
        return this.log.applied();
    }

    public Membership membership() {
        return this.log.membership();
    }

    public boolean isLeader() {
        return this.role instanceof Role.Leader;
    }

    public RaftStatus status() {
        RaftStatus.RoleName name = switch (this.role) {
            case Role.Leader l -> RaftStatus.RoleName.LEADER;
            case Role.Candidate c -> RaftStatus.RoleName.CANDIDATE;
            case Role.PreCandidate p -> RaftStatus.RoleName.PRE_CANDIDATE;
            case Role.Follower f ->
                this.log.membership().isVoter(this.id) ? RaftStatus.RoleName.FOLLOWER : RaftStatus.RoleName.LEARNER;
        };
        Map<Long, Long> match = (leaderState() != null) ? leaderState().matchIndexes() : Map.of();
        return new RaftStatus(this.id, name, this.term, this.leader, this.log.commit(), this.log.applied(),
                this.log.lastIndex(), this.log.membership(), new TreeMap<>(match));
    }

    // ---- elections

    private boolean promotable() {
        return this.log.membership().isVoter(this.id);
    }

    private boolean inLease() {
        return this.config.checkQuorum() && this.leader != NONE
                && this.electionElapsed < this.config.electionTimeoutTicksMin();
    }

    private void campaign(boolean transfer) {
        if (this.config.preVote() && !transfer) {
            becomePreCandidate();
        }
        else {
            becomeCandidate(transfer);
        }
    }

    private void becomePreCandidate() {
        VoteTally tally = new VoteTally();
        transition(new Role.PreCandidate(tally));
        this.leader = NONE;
        resetElectionTimer();
        requestVotes(tally, this.term + 1, true, false);
    }

    private void becomeCandidate(boolean transfer) {
        VoteTally tally = new VoteTally();
        transition(new Role.Candidate(tally));
        this.term++;
        this.vote = this.id;
        this.leader = NONE;
        resetElectionTimer();
        requestVotes(tally, this.term, false, transfer);
    }

    private void requestVotes(VoteTally tally, long electionTerm, boolean preVote, boolean transfer) {
        tally.record(this.id, true);
        if (tally.result(this.log.membership()) == VoteTally.Result.WON) {
            electionWon(preVote);
            return;
        }
        for (Long voter : this.log.membership().voters()) {
            if (voter != this.id) {
                send(new VoteRequest(this.id, voter, electionTerm, this.log.lastIndex(), this.log.lastTerm(), preVote,
                        transfer));
            }
        }
    }

    private void electionWon(boolean preVote) {
        if (preVote) {
            becomeCandidate(false);
        }
        else {
            becomeLeader();
        }
    }

    private void becomeLeader() {
        LeaderState state = new LeaderState(this.config, this.log, this.outbox, this.readStates, this.term,
                () -> this.ticks);
        transition(new Role.Leader(state));
        this.leader = this.id;
        this.heartbeatElapsed = 0;
        this.electionElapsed = 0;
        // Raft §5.4.2 / §8: an empty entry of the new term lets earlier entries commit
        // promptly.
        leaderState().appendOwn(Entry.normal(this.log.lastIndex() + 1, this.term, null));
    }

    private void becomeFollower(long newTerm, long newLeader) {
        transition(new Role.Follower());
        if (newTerm != this.term) {
            this.term = newTerm;
            this.vote = NONE;
        }
        this.leader = newLeader;
        resetElectionTimer();
    }

    private void transition(Role next) {
        Role.check(this.role, next);
        this.role = next;
    }

    private void resetElectionTimer() {
        this.electionElapsed = 0;
        int spread = this.config.electionTimeoutTicksMax() - this.config.electionTimeoutTicksMin();
        this.randomizedElectionTimeout = this.config.electionTimeoutTicksMin() + this.random.nextInt(spread);
    }

    private void handleVoteRequest(VoteRequest request) {
        boolean canVote = this.vote == request.from() || (this.vote == NONE && this.leader == NONE)
                || (request.preVote() && request.term() > this.term);
        if (canVote && this.log.isUpToDate(request.lastLogIndex(), request.lastLogTerm())) {
            long replyTerm = request.preVote() ? request.term() : this.term;
            send(new VoteResponse(this.id, request.from(), replyTerm, request.preVote(), true));
            if (!request.preVote()) {
                // Granting a vote is one of the three events that reset the election
                // timer (Raft §5.2).
                this.vote = request.from();
                this.electionElapsed = 0;
            }
        }
        else {
            send(new VoteResponse(this.id, request.from(), this.term, request.preVote(), false));
        }
    }

    private void handleVoteResponse(VoteResponse response) {
        VoteTally tally;
        if (this.role instanceof Role.PreCandidate pre && response.preVote()) {
            tally = pre.tally();
        }
        else if (this.role instanceof Role.Candidate candidate && !response.preVote()) {
            tally = candidate.tally();
        }
        else {
            return;
        }
        tally.record(response.from(), response.granted());
        switch (tally.result(this.log.membership())) {
            case WON -> electionWon(response.preVote());
            case LOST -> becomeFollower(this.term, NONE);
            case PENDING -> {
            }
        }
    }

    // ---- following

    private void hearFromLeader(long from) {
        if (this.role instanceof Role.Leader) {
            throw new IllegalStateException(
                    "election safety violated: " + from + " and " + this.id + " both lead term " + this.term);
        }
        if (!(this.role instanceof Role.Follower)) {
            becomeFollower(this.term, from);
        }
        this.leader = from;
        this.electionElapsed = 0;
    }

    private void handleAppend(AppendRequest request) {
        send(this.follower.onAppend(request, this.term));
    }

    private void handleSnapshotChunk(SnapshotChunk chunk) {
        FollowerState.SnapshotOutcome outcome = this.follower.onSnapshotChunk(chunk, this.term);
        if (outcome.toInstall() != null) {
            this.snapshotToInstall = outcome.toInstall();
        }
        send(outcome.response());
    }

    private void send(Message message) {
        this.outbox.add(message);
    }

    private LeaderState leaderState() {
        return (this.role instanceof Role.Leader leaderRole) ? leaderRole.state() : null;
    }

    private LeaderState requireLeader() {
        if (leaderState() == null) {
            throw new NotLeaderException(this.id, this.leader);
        }
        return leaderState();
    }

}
