package dev.distsys.shipping.messaging;

import java.util.List;

/**
 * The payloads of {@code shipping.commands} and of shipping's replies, as
 * docs/saga-messages.md defines them. Declared here, not shared: the page is the
 * agreement. (ShipmentDispatched is sent by the dispatch job.)
 */
final class ShippingMessages {

    static final String COMMANDS = "shipping.commands";

    static final String REPLIES = "order.saga-replies";

    private ShippingMessages() {
    }

    record CreateShipment(String orderId, String customerId, List<Item> items) {
    }

    record Item(String sku, Long quantity) {
    }

    record CancelShipment(String orderId) {
    }

    record ShipmentCreated(String orderId, String shipmentId, String carrier) {
    }

    record ShipmentRejected(String orderId, String reason) {
    }

    record ShipmentCancelled(String orderId) {
    }

    record ShipmentCancelRefused(String orderId, String reason) {
    }

}
