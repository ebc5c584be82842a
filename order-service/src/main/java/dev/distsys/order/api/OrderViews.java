package dev.distsys.order.api;

import java.time.Instant;
import java.util.List;

import dev.distsys.order.order.Order;
import dev.distsys.order.saga.OrderSagas;

/** The bodies of CONTRACT.md §1 "Orders". */
final class OrderViews {

    private OrderViews() {
    }

    record OrderAccepted(String orderId, String status) {

        static OrderAccepted of(Order order) {
            return new OrderAccepted(order.orderId(), order.status().name());
        }

    }

    record OrderView(String orderId, String customerId, String status, List<ItemView> items, Long totalCents,
            String failureReason, Instant createdAt, Instant updatedAt) {

        static OrderView of(Order order) {
            return new OrderView(order.orderId(), order.customerId(), order.status().name(),
                    order.items()
                        .stream()
                        .map((item) -> new ItemView(item.sku(), item.quantity(), item.unitPriceCents()))
                        .toList(),
                    order.totalCents(), (order.failureReason() != null) ? order.failureReason().name() : null,
                    order.createdAt(), order.updatedAt());
        }

    }

    record ItemView(String sku, int quantity, Long unitPriceCents) {
    }

    record OrderPage(List<OrderView> items, int page, int size, long total) {
    }

    record SagaView(String sagaId, String orderId, String kind, String state, List<StepView> steps,
            List<EventView> events) {

        static SagaView of(OrderSagas.SagaView saga) {
            return new SagaView(saga.sagaId(), saga.orderId(), saga.kind().name(), saga.state().name(),
                    saga.steps()
                        .stream()
                        .map((step) -> new StepView(step.name(), step.status(), step.startedAt(), step.endedAt(),
                                step.attempts()))
                        .toList(),
                    saga.events()
                        .stream()
                        .map((event) -> new EventView(event.type(), event.service(), event.lamport(),
                                event.occurredAt()))
                        .toList());
        }

    }

    record StepView(String name, String status, Instant startedAt, Instant endedAt, int attempts) {
    }

    record EventView(String type, String service, long lamport, Instant occurredAt) {
    }

}
