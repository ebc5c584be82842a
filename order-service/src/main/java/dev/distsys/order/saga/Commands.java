package dev.distsys.order.saga;

import java.util.List;

import dev.distsys.order.order.Order;

/** The payloads of the commands order-service sends (docs/saga-messages.md). */
final class Commands {

    private Commands() {
    }

    record Item(String sku, int quantity) {
    }

    record ReserveStock(String orderId, List<Item> items) {
    }

    record AuthorizePayment(String orderId, String customerId, long amountCents) {
    }

    record CreateShipment(String orderId, String customerId, List<Item> items) {
    }

    /** The payload of every command that names nothing but the order. */
    record ForOrder(String orderId) {
    }

    static ReserveStock reserveStock(Order order) {
        return new ReserveStock(order.orderId(), items(order));
    }

    static AuthorizePayment authorizePayment(Order order) {
        if (order.totalCents() == null) {
            throw new IllegalStateException("order " + order.orderId() + " is authorized before it is priced");
        }
        return new AuthorizePayment(order.orderId(), order.customerId(), order.totalCents());
    }

    static CreateShipment createShipment(Order order) {
        return new CreateShipment(order.orderId(), order.customerId(), items(order));
    }

    static ForOrder forOrder(Order order) {
        return new ForOrder(order.orderId());
    }

    private static List<Item> items(Order order) {
        return order.items().stream().map((item) -> new Item(item.sku(), item.quantity())).toList();
    }

}
