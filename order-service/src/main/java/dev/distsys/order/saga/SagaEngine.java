package dev.distsys.order.saga;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.distsys.order.order.FailureReason;
import dev.distsys.order.order.Order;
import dev.distsys.order.order.OrderRepository;
import dev.distsys.order.order.OrderStatus;
import dev.distsys.shared.consumer.NonRetryableMessageException;
import dev.distsys.shared.messaging.EventEnvelope;
import dev.distsys.shared.messaging.Messages;
import dev.distsys.shared.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs any {@link SagaDefinition}: sends a step's command, waits for its reply until the
 * step's deadline, and on failure sends the compensations of the completed steps in
 * reverse.
 *
 * <p>
 * Every transition is one local transaction that also writes the next command to the
 * outbox, so a crash between two steps loses nothing and sends nothing twice. Callers
 * hold the order's row lock (taken before the saga's), which serializes replies,
 * deadlines and cancellation of one order across every instance of order-service.
 *
 * <p>
 * A step whose deadline passes counts as failed with {@code TIMEOUT}, and is itself
 * compensated, since its effect is unknown; a reply that arrives afterwards is recognised
 * as late and ignored (commands of one order share a Kafka partition, so the compensation
 * is handled after the late command and undoes it). A compensation without a reply is
 * re-sent up to {@code max-attempts} times, then the saga is parked as NEEDS_ATTENTION,
 * with a metric and an error log line.
 */
@Component
class SagaEngine {

    private static final Logger log = LoggerFactory.getLogger(SagaEngine.class);

    private static final String SERVICE = "order-service";

    private final OrderSagaDefinitions definitions;

    private final SagaRepository sagas;

    private final OrderRepository orders;

    private final Outbox outbox;

    private final Messages messages;

    private final SagaProperties properties;

    private final SagaMetrics metrics;

    private final Clock clock;

    SagaEngine(OrderSagaDefinitions definitions, SagaRepository sagas, OrderRepository orders, Outbox outbox,
            Messages messages, SagaProperties properties, SagaMetrics metrics, Clock clock) {
        this.definitions = definitions;
        this.sagas = sagas;
        this.orders = orders;
        this.outbox = outbox;
        this.messages = messages;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Starts a saga of {@code order}, whose row the caller has locked or just created.
     */
    void start(SagaKind kind, Order order) {
        SagaInstance saga = new SagaInstance(UUID.randomUUID().toString(), order.orderId(), kind, SagaState.RUNNING, 0,
                null, null, 0, null, newTraceId());
        this.sagas.insert(saga, now());
        this.metrics.started(kind);
        sendStep(saga, order, 0, 1);
    }

    /** Advances the saga a reply belongs to. */
    void onReply(EventEnvelope reply) {
        Order order = this.orders.findForUpdate(reply.aggregateId())
            .orElseThrow(() -> new NonRetryableMessageException(
                    "reply " + reply.type() + " for unknown order " + reply.aggregateId()));
        SagaInstance saga = this.sagas.lock(reply.sagaId())
            .filter((found) -> found.orderId().equals(order.orderId()))
            .orElseThrow(() -> new NonRetryableMessageException(
                    "reply " + reply.type() + " for unknown saga " + reply.sagaId() + " of order " + order.orderId()));
        this.sagas.recordEvent(saga.sagaId(), reply.type(), reply.source(), reply.lamport(), reply.occurredAt());
        if (saga.state() == SagaState.RUNNING) {
            onStepReply(saga, order, reply);
        }
        else if (saga.state() == SagaState.COMPENSATING) {
            onCompensationReply(saga, order, reply);
        }
        else {
            late(saga, reply);
        }
    }

    /** Handles a missed deadline, unless a reply or another instance handled it first. */
    void onDeadline(String sagaId, String orderId) {
        Order order = this.orders.findForUpdate(orderId).orElseThrow();
        SagaInstance saga = this.sagas.lock(sagaId).orElseThrow();
        if (saga.deadline() == null || saga.deadline().isAfter(now())) {
            return;
        }
        Step step = definitionOf(saga).step(saga.stepIndex());
        boolean resend = saga.attempts() < this.properties.maxAttempts();
        if (saga.state() == SagaState.COMPENSATING) {
            if (resend) {
                sendCompensation(saga, order, saga.stepIndex(), saga.attempts() + 1);
            }
            else {
                park(saga, true);
            }
        }
        else if (step.retriedOnTimeout()) {
            if (resend) {
                sendStep(saga, order, saga.stepIndex(), saga.attempts() + 1);
            }
            else {
                park(saga, false);
            }
        }
        else {
            this.sagas.endStep(saga.sagaId(), saga.stepIndex(), false, SagaRepository.StepStatus.TIMED_OUT, now());
            compensateFrom(saga.failingWith(order.cancelRequested() ? null : FailureReason.TIMEOUT), order,
                    saga.stepIndex());
        }
    }

    private void onStepReply(SagaInstance saga, Order order, EventEnvelope reply) {
        SagaDefinition definition = definitionOf(saga);
        int index = saga.stepIndex();
        Step.Outcome outcome = definition.step(index).replies().get(reply.type());
        switch (outcome) {
            case null -> late(saga, reply);
            case Step.Succeeded succeeded -> {
                succeeded.effect().apply(order, reply);
                this.sagas.endStep(saga.sagaId(), index, false, SagaRepository.StepStatus.SUCCEEDED, now());
                Order current = this.orders.find(order.orderId()).orElseThrow();
                if (saga.kind() == SagaKind.PLACE_ORDER && current.cancelRequested()) {
                    compensateFrom(saga.failingWith(null), current, index);
                }
                else if (definition.isLast(index)) {
                    complete(saga, current);
                }
                else {
                    sendStep(saga, current, index + 1, 1);
                }
            }
            case Step.Failed failed -> {
                this.sagas.endStep(saga.sagaId(), index, false, SagaRepository.StepStatus.FAILED, now());
                FailureReason reason = order.cancelRequested() ? null : failed.reason().apply(reply);
                compensateFrom(saga.failingWith(reason), order, index - 1);
            }
            case Step.Refused refused -> {
                this.sagas.endStep(saga.sagaId(), index, false, SagaRepository.StepStatus.REFUSED, now());
                end(saga, SagaState.FAILED);
                if (saga.kind() == SagaKind.CANCEL_ORDER) {
                    this.orders.markDispatched(order.orderId(), now());
                }
            }
        }
    }

    private void onCompensationReply(SagaInstance saga, Order order, EventEnvelope reply) {
        int index = saga.stepIndex();
        Step.Compensation compensation = definitionOf(saga).step(index).compensation();
        if (reply.type().equals(compensation.refusal())) {
            park(saga, true);
            return;
        }
        if (!compensation.reply().equals(reply.type())) {
            late(saga, reply);
            return;
        }
        this.sagas.endStep(saga.sagaId(), index, true, SagaRepository.StepStatus.COMPENSATED, now());
        compensateFrom(saga, order, index - 1);
    }

    /**
     * Compensates, newest first, the steps up to {@code from} that did (or may have done)
     * work.
     */
    private void compensateFrom(SagaInstance saga, Order order, int from) {
        SagaDefinition definition = definitionOf(saga);
        for (int index = from; index >= 0; index--) {
            Step step = definition.step(index);
            boolean mayHaveWorked = this.sagas.stepStatus(saga.sagaId(), index)
                .filter((status) -> status == SagaRepository.StepStatus.SUCCEEDED
                        || status == SagaRepository.StepStatus.TIMED_OUT)
                .isPresent();
            if (mayHaveWorked && step.compensation() != null) {
                sendCompensation(saga, order, index, 1);
                return;
            }
        }
        compensated(saga, order);
    }

    private void sendStep(SagaInstance saga, Order order, int index, int attempt) {
        Step step = definitionOf(saga).step(index);
        send(saga, step.topic(), step.name(), step.command().apply(order));
        this.sagas.startStep(saga.sagaId(), index, step.name(), false, now());
        this.sagas.update(saga.awaiting(SagaState.RUNNING, index, step.name(),
                now().plus(this.properties.timeoutOf(step.name())), attempt), now());
    }

    private void sendCompensation(SagaInstance saga, Order order, int index, int attempt) {
        Step step = definitionOf(saga).step(index);
        Step.Compensation compensation = step.compensation();
        send(saga, step.topic(), compensation.command(), Commands.forOrder(order));
        this.sagas.startStep(saga.sagaId(), index, compensation.command(), true, now());
        this.sagas.update(saga.awaiting(SagaState.COMPENSATING, index, compensation.command(),
                now().plus(this.properties.compensationTimeout()), attempt), now());
    }

    private void send(SagaInstance saga, String topic, String type, Object payload) {
        EventEnvelope command = this.messages.inTrace(saga.traceId(), type, saga.sagaId(), saga.orderId(), payload);
        this.outbox.append(topic, command);
        this.sagas.recordEvent(saga.sagaId(), type, SERVICE, command.lamport(), command.occurredAt());
    }

    private void complete(SagaInstance saga, Order order) {
        end(saga, SagaState.COMPLETED);
        if (saga.kind() == SagaKind.PLACE_ORDER) {
            finishOrder(saga, order, OrderStatus.APPROVED, null, "OrderApproved");
        }
        else {
            finishOrder(saga, order, OrderStatus.CANCELLED, null, "OrderCancelled");
        }
    }

    private void compensated(SagaInstance saga, Order order) {
        end(saga, SagaState.COMPENSATED);
        if (saga.failureReason() == null) {
            finishOrder(saga, order, OrderStatus.CANCELLED, null, "OrderCancelled");
        }
        else {
            finishOrder(saga, order, OrderStatus.REJECTED, saga.failureReason(), "OrderRejected");
        }
    }

    private void finishOrder(SagaInstance saga, Order order, OrderStatus status, FailureReason reason, String event) {
        this.orders.finish(order.orderId(), status, reason, now());
        Order finished = this.orders.find(order.orderId()).orElseThrow();
        OrderEvent payload = new OrderEvent(finished.orderId(), finished.customerId(), finished.totalCents(),
                (reason != null) ? reason.name() : null);
        EventEnvelope envelope = this.messages.inTrace(saga.traceId(), event, saga.sagaId(), order.orderId(), payload);
        this.outbox.append(Topics.ORDER_EVENTS, envelope);
        this.sagas.recordEvent(saga.sagaId(), event, SERVICE, envelope.lamport(), envelope.occurredAt());
    }

    private void park(SagaInstance saga, boolean compensation) {
        this.sagas.endStep(saga.sagaId(), saga.stepIndex(), compensation, SagaRepository.StepStatus.NEEDS_ATTENTION,
                now());
        end(saga, SagaState.NEEDS_ATTENTION);
        log.error("Saga {} of order {} parked: {} was refused or got no reply after {} attempts; an operator "
                + "must resolve it", saga.sagaId(), saga.orderId(), saga.awaiting(), saga.attempts());
    }

    private void end(SagaInstance saga, SagaState state) {
        this.sagas.update(saga.ended(state), now());
        this.metrics.ended(saga.kind(), state);
    }

    private void late(SagaInstance saga, EventEnvelope reply) {
        this.metrics.lateReply();
        log.info("Late reply {} for saga {} ({}, awaiting {}): ignored", reply.type(), saga.sagaId(), saga.state(),
                saga.awaiting());
    }

    private SagaDefinition definitionOf(SagaInstance saga) {
        return this.definitions.of(saga.kind());
    }

    private Instant now() {
        return this.clock.instant();
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;
        return HexFormat.of().formatHex(id);
    }

    /** The payload of OrderApproved, OrderRejected and OrderCancelled. */
    record OrderEvent(String orderId, String customerId, Long totalCents, String reason) {
    }

}
