package dev.distsys.order.saga;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.distsys.order.order.Order;
import dev.distsys.order.order.OrderItem;
import dev.distsys.order.order.OrderRepository;
import dev.distsys.order.order.OrderStatus;
import dev.distsys.shared.problem.ProblemException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What clients ask of orders that starts or steers a saga: placing (idempotently) and
 * cancelling.
 */
@Service
public class OrderSagas {

    private final OrderRepository orders;

    private final SagaEngine engine;

    private final SagaRepository sagas;

    private final Clock clock;

    OrderSagas(OrderRepository orders, SagaEngine engine, SagaRepository sagas, Clock clock) {
        this.orders = orders;
        this.engine = engine;
        this.sagas = sagas;
        this.clock = clock;
    }

    /**
     * Places an order and starts its saga, in one transaction with the saga's first
     * command. The same idempotency key with the same request answers the order it
     * created (a concurrent second request waits for the first on the key's unique
     * index); with another request it is refused.
     * @param requestHash a hash of the request, to tell a retry from a different request
     */
    @Transactional
    public Placement place(String idempotencyKey, String requestHash, String customerId, List<OrderItem> items) {
        String orderId = UUID.randomUUID().toString();
        if (this.orders.insertIfKeyIsNew(orderId, customerId, items, idempotencyKey, requestHash,
                this.clock.instant())) {
            Order order = this.orders.find(orderId).orElseThrow();
            this.engine.start(SagaKind.PLACE_ORDER, order);
            return new Placement(order, true);
        }
        OrderRepository.KeyedOrder existing = this.orders.findByIdempotencyKey(idempotencyKey).orElseThrow();
        if (!existing.requestHash().equals(requestHash)) {
            throw ProblemException.unprocessable("Idempotency-Key " + idempotencyKey
                    + " was already used for a different request: use a new key for a new order");
        }
        return new Placement(this.orders.find(existing.orderId()).orElseThrow(), false);
    }

    /**
     * Cancels an order: an approved one that has not been dispatched through a
     * cancellation saga, a pending one as soon as its saga can compensate.
     * @return the order as it is now, and whether cancellation was started (202) or there
     * was nothing to do (200)
     */
    @Transactional
    public Cancellation cancel(String orderId) {
        Order order = this.orders.findForUpdate(orderId)
            .orElseThrow(() -> ProblemException.notFound("order " + orderId + " does not exist"));
        return switch (order.status()) {
            case REJECTED, CANCELLED -> new Cancellation(order, false);
            case PENDING -> {
                this.orders.markCancelRequested(orderId, this.clock.instant());
                yield new Cancellation(order, true);
            }
            case APPROVED -> {
                if (order.dispatched()) {
                    throw ProblemException
                        .conflict("order " + orderId + " has been dispatched and can no longer be " + "cancelled");
                }
                if (!this.sagas.hasActive(orderId, SagaKind.CANCEL_ORDER)) {
                    this.engine.start(SagaKind.CANCEL_ORDER, order);
                }
                yield new Cancellation(order, true);
            }
        };
    }

    /** The saga log of the order's newest saga, with the messages of all its sagas. */
    @Transactional(readOnly = true)
    public Optional<SagaView> sagaOf(String orderId) {
        return this.sagas.latestOf(orderId)
            .map((saga) -> new SagaView(saga.sagaId(), saga.orderId(), saga.kind(), saga.state(),
                    this.sagas.steps(saga.sagaId()), this.sagas.eventsOfOrder(orderId)));
    }

    /** The result of {@link #place}. */
    public record Placement(Order order, boolean created) {
    }

    /** The result of {@link #cancel}. */
    public record Cancellation(Order order, boolean started) {

        public OrderStatus status() {
            return this.order.status();
        }

    }

    /** A saga as GET /api/orders/{id}/saga shows it. */
    public record SagaView(String sagaId, String orderId, SagaKind kind, SagaState state, List<StepEntry> steps,
            List<EventEntry> events) {
    }

    /** One line of a saga's step log: a step or a compensation. */
    public record StepEntry(String name, String status, Instant startedAt, Instant endedAt, int attempts) {
    }

    /** A message the orchestrator sent or received, with its Lamport time. */
    public record EventEntry(String type, String service, long lamport, Instant occurredAt) {
    }

}
