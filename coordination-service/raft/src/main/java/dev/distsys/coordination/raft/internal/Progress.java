package dev.distsys.coordination.raft.internal;

import java.util.ArrayDeque;

/**
 * The leader's view of one follower (etcd raft's Progress): what it holds, what is in
 * flight, and how to send to it.
 */
public final class Progress {

    /** How the leader sends to this follower. */
    public enum State {

        /** One AppendEntries at a time until the follower's match point is found. */
        PROBE,

        /** Optimistic pipelining up to the in-flight window. */
        REPLICATE,

        /** A snapshot is being sent in chunks; entries wait. */
        SNAPSHOT

    }

    private State state = State.PROBE;

    private long match;

    private long next;

    private boolean probeSent;

    private boolean recentActive;

    private long readRoundAcked;

    private long matchAtLastHeartbeat = -1;

    private final ArrayDeque<Long> inflight = new ArrayDeque<>();

    private long snapshotIndex;

    private long snapshotOffset;

    Progress(long next) {
        this.next = next;
    }

    public State state() {
        return this.state;
    }

    public long match() {
        return this.match;
    }

    public long next() {
        return this.next;
    }

    boolean isPaused(int maxInflight) {
        return switch (this.state) {
            case PROBE -> this.probeSent;
            case REPLICATE -> this.inflight.size() >= maxInflight;
            case SNAPSHOT -> true;
        };
    }

    /**
     * @return whether the match point moved
     */
    boolean updateMatch(long index) {
        boolean moved = index > this.match;
        if (moved) {
            this.match = index;
            this.probeSent = false;
        }
        this.next = Math.max(this.next, index + 1);
        while (!this.inflight.isEmpty() && this.inflight.peekFirst() <= index) {
            this.inflight.pollFirst();
        }
        return moved;
    }

    void sentEntries(long lastIndex) {
        if (this.state == State.REPLICATE) {
            this.next = lastIndex + 1;
            this.inflight.addLast(lastIndex);
        }
        else {
            this.probeSent = true;
        }
    }

    void sentProbe() {
        this.probeSent = true;
    }

    void becomeProbe(long newNext) {
        this.state = State.PROBE;
        this.next = Math.max(this.match + 1, newNext);
        this.probeSent = false;
        this.inflight.clear();
    }

    void becomeReplicate() {
        this.state = State.REPLICATE;
        this.next = this.match + 1;
        this.inflight.clear();
    }

    void becomeSnapshot(long index) {
        this.state = State.SNAPSHOT;
        this.snapshotIndex = index;
        this.snapshotOffset = 0;
        this.inflight.clear();
    }

    long snapshotIndex() {
        return this.snapshotIndex;
    }

    long snapshotOffset() {
        return this.snapshotOffset;
    }

    void snapshotOffset(long offset) {
        this.snapshotOffset = offset;
    }

    void heardFrom() {
        this.recentActive = true;
    }

    boolean takeRecentActive() {
        boolean was = this.recentActive;
        this.recentActive = false;
        return was;
    }

    long readRoundAcked() {
        return this.readRoundAcked;
    }

    void ackReadRound(long round) {
        this.readRoundAcked = Math.max(this.readRoundAcked, round);
    }

    /**
     * Called on each heartbeat response. A pipelined AppendEntries that was lost leaves a
     * gap no later message reveals when no new proposals come; if a whole heartbeat round
     * passed without progress, fall back to probing from the match point.
     * @return whether the leader should send entries now
     */
    boolean onHeartbeatResponse(long leaderLastIndex) {
        this.probeSent = false;
        if (this.match >= leaderLastIndex) {
            this.matchAtLastHeartbeat = this.match;
            return false;
        }
        if (this.state == State.REPLICATE && this.matchAtLastHeartbeat == this.match) {
            becomeProbe(this.match + 1);
        }
        this.matchAtLastHeartbeat = this.match;
        return this.state != State.SNAPSHOT;
    }

    @Override
    public String toString() {
        return this.state + " match=" + this.match + " next=" + this.next;
    }

}
