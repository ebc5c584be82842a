package dev.distsys.coordination.raft;

/**
 * The node cannot serve the request because it is not the leader; retry at
 * {@link #leaderHint()} when it is not {@link RaftNode#NONE}. Nothing was proposed.
 */
public class NotLeaderException extends RaftException {

    private final long leaderHint;

    public NotLeaderException(long nodeId, long leaderHint) {
        super("node " + nodeId + " is not the leader"
                + ((leaderHint != RaftNode.NONE) ? "; leader is " + leaderHint : "; no leader known"));
        this.leaderHint = leaderHint;
    }

    public long leaderHint() {
        return this.leaderHint;
    }

}
