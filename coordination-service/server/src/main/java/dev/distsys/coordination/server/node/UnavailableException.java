package dev.distsys.coordination.server.node;

/**
 * The request was not applied and may be retried (HTTP 503): no leader, not the leader,
 * leadership lost before a read was confirmed, or a full queue.
 */
public class UnavailableException extends RuntimeException {

    private final int retryAfterSeconds;

    public UnavailableException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return this.retryAfterSeconds;
    }

}
