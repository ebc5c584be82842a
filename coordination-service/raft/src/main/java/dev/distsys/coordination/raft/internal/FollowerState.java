package dev.distsys.coordination.raft.internal;

import dev.distsys.coordination.raft.Message.AppendRequest;
import dev.distsys.coordination.raft.Message.AppendResponse;
import dev.distsys.coordination.raft.Message.SnapshotChunk;
import dev.distsys.coordination.raft.Message.SnapshotResponse;
import dev.distsys.coordination.raft.RaftConfig;
import dev.distsys.coordination.raft.Snapshot;
import dev.distsys.coordination.raft.UnsafeFault;

/**
 * The receiving side of replication: AppendEntries and InstallSnapshot as a follower or
 * learner handles them. Answers are returned, never sent: the node decides when they
 * leave.
 */
public final class FollowerState {

    /** The answer to a snapshot chunk, and the snapshot to install if one completed. */
    public record SnapshotOutcome(SnapshotResponse response, Snapshot toInstall) {
    }

    private final RaftLog log;

    private final long self;

    private final boolean truncateAlways;

    private final SnapshotReceiver receiver;

    public FollowerState(RaftConfig config, RaftLog log) {
        this.log = log;
        this.self = config.id();
        this.truncateAlways = config.unsafeFaults().contains(UnsafeFault.TRUNCATE_WITHOUT_CONFLICT);
        this.receiver = new SnapshotReceiver(config.maxSnapshotBytes());
    }

    /**
     * Raft Figure 2, AppendEntries receiver. Entries at or below our commit index match
     * any current leader (Leader Completeness), so such a request is answered with the
     * commit index.
     */
    public AppendResponse onAppend(AppendRequest request, long term) {
        if (request.prevLogIndex() < this.log.commit()) {
            return new AppendResponse(this.self, request.from(), term, true, this.log.commit(), 0, 0, 0);
        }
        if (this.log.matchTerm(request.prevLogIndex(), request.prevLogTerm())) {
            long last = this.log.appendFromLeader(request.entries(), this.truncateAlways);
            long match = request.entries().isEmpty() ? request.prevLogIndex() : last;
            this.log.commitTo(Math.min(request.commit(), match));
            return new AppendResponse(this.self, request.from(), term, true, match, 0, 0, 0);
        }
        long[] hint = this.log.conflictHint(request.prevLogIndex());
        return new AppendResponse(this.self, request.from(), term, false, 0, request.prevLogIndex(), hint[0], hint[1]);
    }

    /**
     * Raft Figure 13. A snapshot at or below our commit index is acknowledged and
     * ignored; one whose last entry we hold with the same term only moves the commit
     * index, keeping the entries after it (etcd raft's restore); otherwise the log is
     * replaced.
     */
    public SnapshotOutcome onSnapshotChunk(SnapshotChunk chunk, long term) {
        if (chunk.snapshotIndex() <= this.log.commit()) {
            this.receiver.reset();
            return new SnapshotOutcome(new SnapshotResponse(this.self, chunk.from(), term, chunk.snapshotIndex(), 0,
                    true, this.log.commit()), null);
        }
        Snapshot complete = this.receiver.accept(chunk);
        if (complete == null) {
            return new SnapshotOutcome(new SnapshotResponse(this.self, chunk.from(), term, chunk.snapshotIndex(),
                    this.receiver.expectedOffset(chunk), false, 0), null);
        }
        Snapshot toInstall = null;
        if (this.log.matchTerm(complete.index(), complete.term())) {
            this.log.commitTo(complete.index());
        }
        else {
            this.log.restore(complete);
            toInstall = complete;
        }
        return new SnapshotOutcome(
                new SnapshotResponse(this.self, chunk.from(), term, complete.index(), 0, true, complete.index()),
                toInstall);
    }

}
