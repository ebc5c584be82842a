package dev.distsys.coordination.raft;

/** The leader refused a proposal; nothing was appended. The caller may retry later. */
public class ProposalDroppedException extends RaftException {

    /** Why the proposal was refused. */
    public enum Reason {

        /** Accepting it would exceed {@link RaftConfig#maxUncommittedBytes()}. */
        UNCOMMITTED_BUDGET_EXCEEDED,

        /** A single command is larger than {@link RaftConfig#maxEntryBytes()}. */
        TOO_LARGE,

        /**
         * Leadership is being transferred; proposals would be lost (Raft dissertation
         * §3.10).
         */
        TRANSFER_IN_PROGRESS,

        /**
         * A configuration change is still uncommitted, or this term has committed nothing
         * yet.
         */
        CONFIG_CHANGE_PENDING,

        /**
         * The configuration change is not allowed (unknown member, leader removal,
         * learner behind).
         */
        CONFIG_CHANGE_INVALID,

        /** Too many reads are waiting for confirmation. */
        READ_QUEUE_FULL

    }

    private final Reason reason;

    public ProposalDroppedException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return this.reason;
    }

}
