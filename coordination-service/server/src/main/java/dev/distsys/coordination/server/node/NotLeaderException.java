package dev.distsys.coordination.server.node;

/** This member is not the leader; nothing was proposed. */
public final class NotLeaderException extends UnavailableException {

    private final long leaderHint;

    NotLeaderException(long self, long leaderHint) {
        super("member " + self + " is not the leader"
                + ((leaderHint != 0) ? "; member " + leaderHint + " is" : "; no leader is known yet"), 1);
        this.leaderHint = leaderHint;
    }

    public long leaderHint() {
        return this.leaderHint;
    }

}
