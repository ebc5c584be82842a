package dev.distsys.inventory.messaging;

import java.util.List;

/**
 * The payloads of {@code inventory.commands} and of inventory's replies, as
 * docs/saga-messages.md defines them. Declared here, not shared: the page is the
 * agreement.
 */
final class InventoryMessages {

    static final String COMMANDS = "inventory.commands";

    static final String REPLIES = "order.saga-replies";

    private InventoryMessages() {
    }

    record ReserveStock(String orderId, List<Item> items) {
    }

    record Item(String sku, Long quantity) {
    }

    /** The payload of ReleaseStock, CommitStock and ReturnStock. */
    record OrderCommand(String orderId) {
    }

    record StockReserved(String orderId, List<PricedItem> items) {
    }

    record PricedItem(String sku, long quantity, long unitPriceCents) {
    }

    record StockReservationFailed(String orderId, String reason, String sku) {
    }

    /** The payload of StockReleased, StockCommitted and StockReturned. */
    record OrderReply(String orderId) {
    }

}
