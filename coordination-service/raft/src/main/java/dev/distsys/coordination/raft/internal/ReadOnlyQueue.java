package dev.distsys.coordination.raft.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import dev.distsys.coordination.raft.ReadState;

/**
 * Reads waiting at the leader (ReadIndex, dissertation §6.4). A read first waits until
 * the leader has committed an entry of its own term (before that its commit index may lag
 * the cluster's), then for a heartbeat round started after it arrived to be acknowledged
 * by a majority.
 */
final class ReadOnlyQueue {

    private record Pending(byte[] context, long index, long round) {
    }

    private final ArrayDeque<byte[]> waitingForTermCommit = new ArrayDeque<>();

    private final ArrayDeque<Pending> waitingForQuorum = new ArrayDeque<>();

    private long round;

    int size() {
        return this.waitingForTermCommit.size() + this.waitingForQuorum.size();
    }

    long round() {
        return this.round;
    }

    void waitForTermCommit(byte[] context) {
        this.waitingForTermCommit.addLast(context);
    }

    /**
     * Moves reads that waited for this term's first commit on to the next heartbeat
     * round.
     * @return whether a round must be broadcast for them
     */
    boolean termCommitted(long commit) {
        if (this.waitingForTermCommit.isEmpty()) {
            return false;
        }
        while (!this.waitingForTermCommit.isEmpty()) {
            this.waitingForQuorum.addLast(new Pending(this.waitingForTermCommit.pollFirst(), commit, this.round + 1));
        }
        return true;
    }

    /** Queues a read for the next heartbeat round, which starts after it arrived. */
    void add(byte[] context, long commit) {
        this.waitingForQuorum.addLast(new Pending(context, commit, this.round + 1));
    }

    /**
     * @return the number of the heartbeat round being broadcast now
     */
    long nextRound() {
        return ++this.round;
    }

    /** Releases every read whose round a majority acknowledged. */
    List<ReadState> release(long quorumRound) {
        List<ReadState> out = new ArrayList<>();
        while (!this.waitingForQuorum.isEmpty() && this.waitingForQuorum.peekFirst().round() <= quorumRound) {
            Pending p = this.waitingForQuorum.pollFirst();
            out.add(new ReadState(p.context(), p.index()));
        }
        return out;
    }

}
