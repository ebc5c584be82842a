package dev.distsys.order.saga;

/**
 * Where a saga run is. RUNNING and COMPENSATING wait for a reply; the others are final.
 */
public enum SagaState {

    RUNNING, COMPENSATING,

    /** Every step succeeded. */
    COMPLETED,

    /** A step failed and every completed step was compensated. */
    COMPENSATED,

    /**
     * A step was refused and nothing needed compensating (a cancellation of a dispatched
     * order).
     */
    FAILED,

    /**
     * A compensation kept failing past its attempts: parked for an operator, never
     * retried silently.
     */
    NEEDS_ATTENTION;

    boolean awaitsReply() {
        return this == RUNNING || this == COMPENSATING;
    }

}
