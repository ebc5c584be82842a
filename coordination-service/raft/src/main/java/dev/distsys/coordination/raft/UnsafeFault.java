package dev.distsys.coordination.raft;

/**
 * Classic Raft bugs that can be switched on to prove the simulator's checkers catch them.
 * Never enable one outside tests.
 */
public enum UnsafeFault {

    /**
     * Commit an entry of an earlier term by counting replicas (the trap of Raft paper
     * Figure 8).
     */
    COMMIT_PREVIOUS_TERM_BY_COUNTING,

    /** Report the vote in {@link Ready#hardState()} as none, so a restart forgets it. */
    FORGET_VOTE,

    /**
     * Truncate the log after every AppendEntries, even when entries match (reordered
     * messages).
     */
    TRUNCATE_WITHOUT_CONFLICT,

    /**
     * Answer ReadIndex at once, without confirming leadership (a deposed leader reads
     * stale).
     */
    SERVE_READS_WITHOUT_QUORUM

}
