package dev.distsys.coordination.client;

/**
 * A refusal or failure of the coordination service, with the HTTP status it answered (0
 * when no member answered).
 */
public class CoordinationException extends RuntimeException {

    private final int status;

    public CoordinationException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return this.status;
    }

    /**
     * 409: a compare-and-set mismatch, a token that does not hold the lock, a wait that
     * ran out.
     */
    public boolean isConflict() {
        return this.status == 409;
    }

    /** 504: the write timed out after it was proposed; it may or may not have applied. */
    public boolean isOutcomeUnknown() {
        return this.status == 504;
    }

}
