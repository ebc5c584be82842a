package dev.distsys.coordination.raft.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import dev.distsys.coordination.raft.ConfigChange;
import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.EntryType;
import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.Message.AppendRequest;
import dev.distsys.coordination.raft.Message.AppendResponse;
import dev.distsys.coordination.raft.Message.Heartbeat;
import dev.distsys.coordination.raft.Message.HeartbeatResponse;
import dev.distsys.coordination.raft.Message.SnapshotChunk;
import dev.distsys.coordination.raft.Message.SnapshotResponse;
import dev.distsys.coordination.raft.Message.TimeoutNow;
import dev.distsys.coordination.raft.ProposalDroppedException;
import dev.distsys.coordination.raft.ProposalDroppedException.Reason;
import dev.distsys.coordination.raft.RaftConfig;
import dev.distsys.coordination.raft.ReadState;
import dev.distsys.coordination.raft.Snapshot;
import dev.distsys.coordination.raft.UnsafeFault;

/**
 * Everything a leader keeps for one term: per-follower progress and pipelining,
 * commitment, reads waiting for confirmation, and a leadership transfer. Sends are
 * batched: proposals between two Ready batches go out in one AppendEntries per follower.
 */
public final class LeaderState {

    private static final int ROUND_HISTORY = 64;

    private final RaftConfig config;

    private final RaftLog log;

    private final Outbox outbox;

    private final List<ReadState> readStates;

    private final long term;

    private final long self;

    private final LongSupplier ticks;

    private final Map<Long, Progress> progress = new TreeMap<>();

    private final ReadOnlyQueue reads = new ReadOnlyQueue();

    private final Role.LeaderTransfer transfer = new Role.LeaderTransfer();

    private final long[] roundSentTick = new long[ROUND_HISTORY];

    private long uncommittedBytes;

    private boolean broadcastNeeded;

    private boolean heartbeatNeeded;

    public LeaderState(RaftConfig config, RaftLog log, Outbox outbox, List<ReadState> readStates, long term,
            LongSupplier ticks) {
        this.config = config;
        this.log = log;
        this.outbox = outbox;
        this.readStates = readStates;
        this.term = term;
        this.self = config.id();
        this.ticks = ticks;
        Arrays.fill(this.roundSentTick, Long.MIN_VALUE / 2);
        membershipChanged(log.membership());
    }

    // ---- proposals

    public void checkAccepting(int bytes) {
        if (this.transfer.target() != 0) {
            throw new ProposalDroppedException(Reason.TRANSFER_IN_PROGRESS,
                    "leadership is moving to " + this.transfer.target());
        }
        if (this.uncommittedBytes > 0 && this.uncommittedBytes + bytes > this.config.maxUncommittedBytes()) {
            throw new ProposalDroppedException(Reason.UNCOMMITTED_BUDGET_EXCEEDED, this.uncommittedBytes
                    + " bytes uncommitted, maxUncommittedBytes is " + this.config.maxUncommittedBytes());
        }
    }

    public void appendOwn(Entry entry) {
        this.log.append(entry);
        if (entry.type() == EntryType.NORMAL) {
            this.uncommittedBytes += entry.data().length;
        }
        this.broadcastNeeded = true;
    }

    public Membership applyChange(Membership current, ConfigChange change) {
        long node = change.nodeId();
        Set<Long> voters = new TreeSet<>(current.voters());
        Set<Long> learners = new TreeSet<>(current.learners());
        switch (change.type()) {
            case ADD_LEARNER -> {
                if (current.contains(node) || node <= 0) {
                    throw invalid(node + " is already a member or not a valid id");
                }
                learners.add(node);
            }
            case PROMOTE -> {
                Progress p = this.progress.get(node);
                if (!current.learners().contains(node) || p == null) {
                    throw invalid(node + " is not a learner");
                }
                if (p.match() < this.log.commit()) {
                    throw invalid("learner " + node + " has not caught up (match " + p.match() + ", commit "
                            + this.log.commit() + ")");
                }
                learners.remove(node);
                voters.add(node);
            }
            case REMOVE -> {
                if (node == this.self) {
                    throw invalid("the leader cannot remove itself: transfer leadership first");
                }
                if (!current.contains(node)) {
                    throw invalid(node + " is not a member");
                }
                voters.remove(node);
                learners.remove(node);
            }
        }
        return new Membership(voters, learners);
    }

    private static ProposalDroppedException invalid(String detail) {
        return new ProposalDroppedException(Reason.CONFIG_CHANGE_INVALID, detail);
    }

    /**
     * Aligns progress with a configuration, before its entry is appended so that a new
     * member receives that entry in the next batch.
     * @param membership the configuration about to be in force
     */
    public void membershipChanged(Membership membership) {
        Set<Long> members = membership.members();
        this.progress.keySet().removeIf((id) -> !members.contains(id));
        for (Long member : members) {
            if (member != this.self) {
                this.progress.computeIfAbsent(member, (id) -> new Progress(this.log.lastIndex() + 1));
            }
        }
    }

    // ---- reads

    public void readIndex(byte[] context) {
        if (this.reads.size() >= this.config.maxPendingReads()) {
            throw new ProposalDroppedException(Reason.READ_QUEUE_FULL,
                    this.reads.size() + " reads waiting, maxPendingReads is " + this.config.maxPendingReads());
        }
        if (this.log.term(this.log.commit()) != this.term) {
            // Dissertation §6.4 step 1: until an entry of this term commits, our commit
            // index may lag.
            this.reads.waitForTermCommit(context);
            return;
        }
        if (leaseValid() || this.config.unsafeFaults().contains(UnsafeFault.SERVE_READS_WITHOUT_QUORUM)) {
            this.readStates.add(new ReadState(context, this.log.commit()));
            return;
        }
        this.reads.add(context, this.log.commit());
        this.heartbeatNeeded = true;
        releaseReads();
    }

    /**
     * A lease read skips the heartbeat round: followers that heard from us ignore other
     * candidates for an election timeout (§4.2.3), measured from when we sent what they
     * acknowledged, minus the operator's drift bound. Off unless leaseReadDriftTicks is
     * set (dissertation §6.4.1).
     */
    private boolean leaseValid() {
        if (this.config.leaseReadDriftTicks() == 0) {
            return false;
        }
        long window = this.config.electionTimeoutTicksMin() - this.config.leaseReadDriftTicks();
        long now = this.ticks.getAsLong();
        int fresh = 0;
        for (Long voter : this.log.membership().voters()) {
            if (voter == this.self) {
                fresh++;
                continue;
            }
            Progress p = this.progress.get(voter);
            long acked = (p != null) ? p.readRoundAcked() : 0;
            if (acked > 0 && acked > this.reads.round() - ROUND_HISTORY
                    && now - this.roundSentTick[(int) (acked % ROUND_HISTORY)] < window) {
                fresh++;
            }
        }
        return fresh >= this.log.membership().quorum();
    }

    private void releaseReads() {
        Membership membership = this.log.membership();
        long[] acked = new long[membership.voters().size()];
        int i = 0;
        for (Long voter : membership.voters()) {
            Progress p = this.progress.get(voter);
            acked[i++] = (voter == this.self) ? this.reads.round() : ((p != null) ? p.readRoundAcked() : 0);
        }
        Arrays.sort(acked);
        long quorumRound = acked[acked.length - membership.quorum()];
        this.readStates.addAll(this.reads.release(quorumRound));
    }

    // ---- transfer

    public void startTransfer(long target) {
        this.transfer.start(target);
        Progress p = this.progress.get(target);
        if (p.match() == this.log.lastIndex()) {
            this.outbox.add(new TimeoutNow(this.self, target, this.term));
        }
        else {
            sendAppend(target, p, true);
        }
    }

    public void tickTransfer(int limitTicks) {
        this.transfer.tick(limitTicks);
    }

    // ---- sending

    public void requestHeartbeat() {
        this.heartbeatNeeded = true;
    }

    public boolean hasPendingSends() {
        return this.broadcastNeeded || this.heartbeatNeeded;
    }

    /**
     * Sends what accumulated since the last Ready: one AppendEntries per follower, one
     * heartbeat.
     */
    public void flush() {
        if (this.broadcastNeeded) {
            this.broadcastNeeded = false;
            this.progress.forEach((id, p) -> sendAppend(id, p, false));
        }
        if (this.heartbeatNeeded) {
            this.heartbeatNeeded = false;
            long round = this.reads.nextRound();
            this.roundSentTick[(int) (round % ROUND_HISTORY)] = this.ticks.getAsLong();
            this.progress.forEach((id, p) -> this.outbox
                .add(new Heartbeat(this.self, id, this.term, Math.min(p.match(), this.log.commit()), round)));
            releaseReads();
        }
    }

    private void sendAppend(long to, Progress p, boolean allowEmpty) {
        if (p.isPaused(this.config.maxInflightAppends())) {
            return;
        }
        long prev = p.next() - 1;
        if (prev > this.log.lastIndex()) {
            p.becomeProbe(this.log.lastIndex() + 1);
            prev = p.next() - 1;
        }
        long prevTerm = this.log.term(prev);
        if (prevTerm < 0) {
            p.becomeSnapshot(this.log.snapshot().index());
            sendSnapshotChunk(to, p);
            return;
        }
        List<Entry> entries = this.log.slice(p.next(), this.config.maxEntriesPerAppend(), this.config.maxAppendBytes());
        if (entries.isEmpty() && !allowEmpty) {
            return;
        }
        this.outbox.add(new AppendRequest(this.self, to, this.term, prev, prevTerm, entries, this.log.commit()));
        if (entries.isEmpty()) {
            p.sentProbe();
        }
        else {
            p.sentEntries(entries.get(entries.size() - 1).index());
        }
    }

    private void sendSnapshotChunk(long to, Progress p) {
        Snapshot snapshot = this.log.snapshot();
        if (snapshot.index() != p.snapshotIndex()) {
            p.becomeSnapshot(snapshot.index());
        }
        byte[] data = snapshot.data();
        int offset = (int) Math.min(p.snapshotOffset(), data.length);
        int length = Math.min(this.config.snapshotChunkBytes(), data.length - offset);
        byte[] chunk = Arrays.copyOfRange(data, offset, offset + length);
        this.outbox.add(new SnapshotChunk(this.self, to, this.term, snapshot.index(), snapshot.term(),
                snapshot.membership(), data.length, offset, chunk, offset + length == data.length));
    }

    // ---- responses

    public void onAppendResponse(AppendResponse response) {
        Progress p = this.progress.get(response.from());
        if (p == null) {
            return;
        }
        p.heardFrom();
        if (!response.success()) {
            onReject(response, p);
            return;
        }
        if (p.updateMatch(response.matchIndex())) {
            if (p.state() == Progress.State.PROBE) {
                p.becomeReplicate();
            }
            else if (p.state() == Progress.State.SNAPSHOT && p.match() >= p.snapshotIndex()) {
                p.becomeProbe(p.match() + 1);
            }
            maybeCommit();
            if (this.transfer.target() == response.from() && p.match() == this.log.lastIndex()) {
                this.outbox.add(new TimeoutNow(this.self, response.from(), this.term));
            }
        }
        sendAppend(response.from(), p, false);
    }

    /**
     * Fast back-tracking (dissertation §5.3 / etcd raft findConflictByTerm): jump past
     * the whole conflicting term instead of one entry per round trip. A reject for an
     * index at or below what is known to match is a reordered duplicate and is ignored.
     */
    private void onReject(AppendResponse response, Progress p) {
        if (response.rejectedIndex() <= p.match() || p.state() == Progress.State.SNAPSHOT) {
            return;
        }
        if (p.state() == Progress.State.PROBE && response.rejectedIndex() != p.next() - 1) {
            return;
        }
        long next = response.hintIndex();
        if (response.hintTerm() > 0) {
            long ours = this.log.lastIndexOfTerm(response.hintTerm(), response.rejectedIndex());
            if (ours > 0) {
                next = ours + 1;
            }
        }
        p.becomeProbe(Math.min(next, response.rejectedIndex()));
        sendAppend(response.from(), p, true);
    }

    public void onHeartbeatResponse(HeartbeatResponse response) {
        Progress p = this.progress.get(response.from());
        if (p == null) {
            return;
        }
        p.heardFrom();
        p.ackReadRound(response.readRound());
        if (p.state() == Progress.State.SNAPSHOT) {
            sendSnapshotChunk(response.from(), p);
        }
        else if (p.onHeartbeatResponse(this.log.lastIndex())) {
            sendAppend(response.from(), p, true);
        }
        releaseReads();
    }

    public void onSnapshotResponse(SnapshotResponse response) {
        Progress p = this.progress.get(response.from());
        if (p == null) {
            return;
        }
        p.heardFrom();
        if (response.installed()) {
            p.updateMatch(response.matchIndex());
            if (p.state() == Progress.State.SNAPSHOT) {
                p.becomeProbe(p.match() + 1);
            }
            maybeCommit();
            sendAppend(response.from(), p, true);
        }
        else if (p.state() == Progress.State.SNAPSHOT && response.snapshotIndex() == p.snapshotIndex()) {
            p.snapshotOffset(response.nextOffset());
            sendSnapshotChunk(response.from(), p);
        }
    }

    public void selfPersisted() {
        maybeCommit();
    }

    // ---- commitment

    /**
     * Raft §5.4.2 and Figure 8: only an entry of the leader's own term is committed by
     * counting replicas; earlier entries commit with it.
     */
    private void maybeCommit() {
        Membership membership = this.log.membership();
        long[] matches = new long[membership.voters().size()];
        int i = 0;
        for (Long voter : membership.voters()) {
            Progress p = this.progress.get(voter);
            matches[i++] = (voter == this.self) ? this.log.persisted() : ((p != null) ? p.match() : 0);
        }
        Arrays.sort(matches);
        long quorumIndex = matches[matches.length - membership.quorum()];
        boolean countOldTerms = this.config.unsafeFaults().contains(UnsafeFault.COMMIT_PREVIOUS_TERM_BY_COUNTING);
        if (quorumIndex <= this.log.commit() || (this.log.term(quorumIndex) != this.term && !countOldTerms)) {
            return;
        }
        long from = this.log.commit() + 1;
        this.log.commitTo(quorumIndex);
        for (long index = Math.max(from, this.log.firstIndex()); index <= quorumIndex; index++) {
            Entry entry = this.log.entry(index);
            if (entry.term() == this.term && entry.type() == EntryType.NORMAL) {
                this.uncommittedBytes = Math.max(0, this.uncommittedBytes - entry.data().length);
            }
        }
        if (this.log.term(this.log.commit()) == this.term && this.reads.termCommitted(this.log.commit())) {
            this.heartbeatNeeded = true;
        }
    }

    /**
     * Dissertation §6.2: has a majority been heard from since the last check? Resets the
     * marks.
     */
    public boolean quorumActive() {
        int active = 0;
        for (Map.Entry<Long, Progress> e : this.progress.entrySet()) {
            boolean recent = e.getValue().takeRecentActive();
            if (recent && this.log.membership().isVoter(e.getKey())) {
                active++;
            }
        }
        if (this.log.membership().isVoter(this.self)) {
            active++;
        }
        return active >= this.log.membership().quorum();
    }

    public Map<Long, Long> matchIndexes() {
        Map<Long, Long> out = new TreeMap<>();
        this.progress.forEach((id, p) -> out.put(id, p.match()));
        out.put(this.self, this.log.persisted());
        return out;
    }

}
