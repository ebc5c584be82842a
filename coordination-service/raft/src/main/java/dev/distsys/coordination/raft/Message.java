package dev.distsys.coordination.raft;

import java.util.List;

/**
 * Everything nodes say to each other. Each message names its sender, receiver and the
 * sender's term; the codec package gives every type a versioned binary form.
 */
public sealed interface Message {

    long from();

    long to();

    long term();

    /**
     * RequestVote, or its pre-vote probe (dissertation §9.6) that never changes anyone's
     * term.
     *
     * @param term the candidate's term, or for a pre-vote the term it would campaign in
     * @param transfer set when campaigning on a {@link TimeoutNow}: receivers then ignore
     * their leader lease (dissertation §3.10)
     */
    record VoteRequest(long from, long to, long term, long lastLogIndex, long lastLogTerm, boolean preVote,
            boolean transfer) implements Message {
    }

    record VoteResponse(long from, long to, long term, boolean preVote, boolean granted) implements Message {
    }

    /**
     * AppendEntries.
     *
     * @param commit the leader's commit index
     */
    record AppendRequest(long from, long to, long term, long prevLogIndex, long prevLogTerm, List<Entry> entries,
            long commit) implements Message {

        public AppendRequest {
            entries = List.copyOf(entries);
        }

    }

    /**
     * Answer to AppendEntries.
     *
     * @param success whether the consistency check passed
     * @param matchIndex on success, the last index known to match the leader's log
     * @param rejectedIndex on failure, the prevLogIndex that was rejected
     * @param hintIndex on failure, where the leader may resume: the first index of
     * {@code hintTerm} in the follower's log, or its last index + 1
     * @param hintTerm on failure, the follower's term at the rejected index, 0 if it has
     * none
     */
    record AppendResponse(long from, long to, long term, boolean success, long matchIndex, long rejectedIndex,
            long hintIndex, long hintTerm) implements Message {
    }

    /**
     * Leader heartbeat; carries the commit index the follower is known to hold, and the
     * latest ReadIndex round to confirm leadership for.
     */
    record Heartbeat(long from, long to, long term, long commit, long readRound) implements Message {
    }

    record HeartbeatResponse(long from, long to, long term, long readRound) implements Message {
    }

    /**
     * One chunk of InstallSnapshot (Raft Figure 13), at most
     * {@link RaftConfig#snapshotChunkBytes()}.
     */
    record SnapshotChunk(long from, long to, long term, long snapshotIndex, long snapshotTerm, Membership membership,
            long totalBytes, long offset, byte[] data, boolean last) implements Message {
    }

    /**
     * @param nextOffset the offset the follower expects next
     * @param installed set once the snapshot (or a newer state) is in place
     * @param matchIndex when installed, the index the follower now matches
     */
    record SnapshotResponse(long from, long to, long term, long snapshotIndex, long nextOffset, boolean installed,
            long matchIndex) implements Message {
    }

    /**
     * Tells a caught-up follower to campaign at once (leadership transfer, dissertation
     * §3.10).
     */
    record TimeoutNow(long from, long to, long term) implements Message {
    }

}
