package dev.distsys.order.saga;

/** The topics of docs/saga-messages.md that order-service writes or reads. */
final class Topics {

    static final String INVENTORY_COMMANDS = "inventory.commands";

    static final String PAYMENT_COMMANDS = "payment.commands";

    static final String SHIPPING_COMMANDS = "shipping.commands";

    static final String SAGA_REPLIES = "order.saga-replies";

    static final String ORDER_EVENTS = "order.events";

    private Topics() {
    }

}
