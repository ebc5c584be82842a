package dev.distsys.coordination.raft;

/** An expected operating error: the request was refused and nothing was proposed. */
public abstract class RaftException extends RuntimeException {

    protected RaftException(String message) {
        super(message);
    }

}
