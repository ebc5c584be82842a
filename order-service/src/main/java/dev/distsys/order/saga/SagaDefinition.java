package dev.distsys.order.saga;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.distsys.order.order.FailureReason;
import dev.distsys.order.order.Order;
import dev.distsys.shared.messaging.EventEnvelope;

/**
 * A saga written down once, as data: its steps in order, each with its command, the
 * meaning of each reply and its compensation. {@link SagaEngine} runs any definition the
 * same way.
 */
final class SagaDefinition {

    private final SagaKind kind;

    private final List<Step> steps;

    private SagaDefinition(SagaKind kind, List<Step> steps) {
        this.kind = kind;
        this.steps = List.copyOf(steps);
    }

    static Builder define(SagaKind kind) {
        return new Builder(kind);
    }

    SagaKind kind() {
        return this.kind;
    }

    List<Step> steps() {
        return this.steps;
    }

    Step step(int index) {
        return this.steps.get(index);
    }

    boolean isLast(int index) {
        return index == this.steps.size() - 1;
    }

    static final class Builder {

        private final SagaKind kind;

        private final List<Step> steps = new ArrayList<>();

        private StepBuilder current;

        private Builder(SagaKind kind) {
            this.kind = kind;
        }

        /** Starts the next step: {@code name} is also the command's type. */
        StepBuilder step(String name, String topic, Function<Order, Object> command) {
            finishStep();
            this.current = new StepBuilder(this, name, topic, command);
            return this.current;
        }

        SagaDefinition build() {
            finishStep();
            if (this.steps.isEmpty()) {
                throw new IllegalStateException("a saga needs at least one step");
            }
            return new SagaDefinition(this.kind, this.steps);
        }

        private void finishStep() {
            if (this.current != null) {
                this.steps.add(this.current.toStep());
                this.current = null;
            }
        }

    }

    static final class StepBuilder {

        private final Builder saga;

        private final String name;

        private final String topic;

        private final Function<Order, Object> command;

        private final Map<String, Step.Outcome> replies = new LinkedHashMap<>();

        private Step.Compensation compensation;

        private boolean retriedOnTimeout;

        private StepBuilder(Builder saga, String name, String topic, Function<Order, Object> command) {
            this.saga = saga;
            this.name = name;
            this.topic = topic;
            this.command = command;
        }

        StepBuilder succeedsOn(String reply) {
            return succeedsOn(reply, Step.ReplyEffect.NONE);
        }

        StepBuilder succeedsOn(String reply, Step.ReplyEffect effect) {
            return outcome(reply, new Step.Succeeded(effect));
        }

        StepBuilder failsOn(String reply, Function<EventEnvelope, FailureReason> reason) {
            return outcome(reply, new Step.Failed(reason));
        }

        StepBuilder refusedOn(String reply) {
            return outcome(reply, new Step.Refused());
        }

        StepBuilder compensatedBy(String command, String reply) {
            return compensatedBy(command, reply, null);
        }

        StepBuilder compensatedBy(String command, String reply, String refusal) {
            this.compensation = new Step.Compensation(command, reply, refusal);
            return this;
        }

        StepBuilder retriedOnTimeout() {
            this.retriedOnTimeout = true;
            return this;
        }

        StepBuilder step(String name, String topic, Function<Order, Object> command) {
            return this.saga.step(name, topic, command);
        }

        SagaDefinition build() {
            return this.saga.build();
        }

        private StepBuilder outcome(String reply, Step.Outcome outcome) {
            if (this.replies.putIfAbsent(reply, outcome) != null) {
                throw new IllegalStateException(this.name + " already handles " + reply);
            }
            return this;
        }

        private Step toStep() {
            return new Step(this.name, this.topic, this.command, this.replies, this.compensation,
                    this.retriedOnTimeout);
        }

    }

}
