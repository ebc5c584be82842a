package dev.distsys.coordination.raft;

/** What a log entry carries. */
public enum EntryType {

    /**
     * An application command (empty for the leader's no-op of a new term, Raft §5.4.2).
     */
    NORMAL,

    /** A {@link Membership}, effective as soon as it is appended (dissertation §4.1). */
    CONFIG

}
