package dev.distsys.order.saga;

import java.time.Instant;

import dev.distsys.order.order.FailureReason;

/**
 * A saga run as stored: which step it is at, what reply it awaits and until when.
 *
 * @param stepIndex the step being run, or being compensated while COMPENSATING
 * @param awaiting the reply type awaited, {@code null} when final or parked
 * @param deadline when the awaited reply counts as missed, {@code null} when nothing is
 * awaited
 * @param attempts sends of the current command
 * @param failureReason why the saga compensates, once it does
 * @param traceId the W3C trace all of the saga's messages belong to
 */
record SagaInstance(String sagaId, String orderId, SagaKind kind, SagaState state, int stepIndex, String awaiting,
        Instant deadline, int attempts, FailureReason failureReason, String traceId) {

    SagaInstance awaiting(SagaState state, int stepIndex, String reply, Instant deadline, int attempts) {
        return new SagaInstance(this.sagaId, this.orderId, this.kind, state, stepIndex, reply, deadline, attempts,
                this.failureReason, this.traceId);
    }

    SagaInstance failingWith(FailureReason reason) {
        return new SagaInstance(this.sagaId, this.orderId, this.kind, this.state, this.stepIndex, this.awaiting,
                this.deadline, this.attempts, reason, this.traceId);
    }

    SagaInstance ended(SagaState state) {
        return new SagaInstance(this.sagaId, this.orderId, this.kind, state, this.stepIndex, null, null, this.attempts,
                this.failureReason, this.traceId);
    }

}
