package dev.distsys.order.saga;

import java.util.Map;
import java.util.function.Function;

import dev.distsys.order.order.FailureReason;
import dev.distsys.order.order.Order;
import dev.distsys.shared.messaging.EventEnvelope;

/**
 * One step of a saga: the command it sends to a participant, what each reply means, and
 * the command that undoes it.
 *
 * @param name the step's name in the step log, e.g. {@code ReserveStock}
 * @param topic the participant's command topic
 * @param command the command's payload, built from the order as it is now
 * @param replies what each reply type means for the saga
 * @param compensation how to undo the step, or {@code null} when nothing needs undoing
 * @param retriedOnTimeout whether a missed deadline re-sends the command (steps that must
 * complete) instead of failing the saga
 */
record Step(String name, String topic, Function<Order, Object> command, Map<String, Outcome> replies,
        Compensation compensation, boolean retriedOnTimeout) {

    Step {
        replies = Map.copyOf(replies);
    }

    /** What a reply means. */
    sealed interface Outcome permits Succeeded, Failed, Refused {

    }

    /**
     * The step did its work; {@code effect} records what the reply tells (e.g. prices).
     */
    record Succeeded(ReplyEffect effect) implements Outcome {
    }

    /** The step could not be done: the saga fails with the reason this reply maps to. */
    record Failed(Function<EventEnvelope, FailureReason> reason) implements Outcome {
    }

    /** The step was refused and the saga ends without compensating (nothing was done). */
    record Refused() implements Outcome {
    }

    /**
     * How to undo a step.
     *
     * @param refusal a reply saying the step can no longer be undone (e.g. the parcel has
     * left), or {@code null}: no retry can help then, so the saga is parked for an
     * operator at once
     */
    record Compensation(String command, String reply, String refusal) {
    }

    /**
     * Applies what a successful reply tells to the order, inside the saga's transaction.
     */
    @FunctionalInterface
    interface ReplyEffect {

        ReplyEffect NONE = (order, reply) -> {
        };

        void apply(Order order, EventEnvelope reply);

    }

}
