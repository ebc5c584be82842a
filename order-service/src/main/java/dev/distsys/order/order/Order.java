package dev.distsys.order.order;

import java.time.Instant;
import java.util.List;

/**
 * An order as stored.
 *
 * @param totalCents {@code null} until inventory has priced every item
 * @param failureReason {@code null} unless {@code REJECTED}
 * @param dispatched whether its shipment has left (it can no longer be cancelled)
 * @param cancelRequested whether a client asked to cancel it while it was pending
 */
public record Order(String orderId, String customerId, OrderStatus status, List<OrderItem> items, Long totalCents,
        FailureReason failureReason, boolean dispatched, boolean cancelRequested, Instant createdAt,
        Instant updatedAt) {

    public Order {
        items = List.copyOf(items);
    }

}
