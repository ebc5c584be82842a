package dev.distsys.inventory.messaging;

import java.util.List;
import java.util.regex.Pattern;

import dev.distsys.inventory.messaging.InventoryMessages.Item;
import dev.distsys.inventory.messaging.InventoryMessages.OrderCommand;
import dev.distsys.inventory.messaging.InventoryMessages.OrderReply;
import dev.distsys.inventory.messaging.InventoryMessages.PricedItem;
import dev.distsys.inventory.messaging.InventoryMessages.ReserveStock;
import dev.distsys.inventory.messaging.InventoryMessages.StockReservationFailed;
import dev.distsys.inventory.messaging.InventoryMessages.StockReserved;
import dev.distsys.inventory.stock.OrderLine;
import dev.distsys.inventory.stock.ReservationOutcome;
import dev.distsys.inventory.stock.ReservationOutcome.Refused;
import dev.distsys.inventory.stock.ReservationOutcome.Reserved;
import dev.distsys.inventory.stock.Reservations;
import dev.distsys.inventory.stock.StockNotReservedException;
import dev.distsys.shared.consumer.NonRetryableMessageException;
import dev.distsys.shared.messaging.EventEnvelope;
import dev.distsys.shared.messaging.Messages;
import dev.distsys.shared.outbox.Outbox;

import org.springframework.stereotype.Component;

/**
 * Handles each inventory command inside the inbox's transaction and writes its one reply
 * to the outbox in that same transaction. A command that breaks the contract (no order
 * id, an order id other than the key, an invalid item) can never succeed and is
 * dead-lettered.
 */
@Component
class InventoryCommandHandlers {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /**
     * More lines than an order may have (50), with room; a bound, not a business rule.
     */
    private static final int MAX_ITEMS = 1000;

    private static final long MAX_QUANTITY = 1_000_000_000L;

    private final Reservations reservations;

    private final Messages messages;

    private final Outbox outbox;

    InventoryCommandHandlers(Reservations reservations, Messages messages, Outbox outbox) {
        this.reservations = reservations;
        this.messages = messages;
        this.outbox = outbox;
    }

    void reserve(EventEnvelope command) {
        ReserveStock payload = this.messages.payload(command, ReserveStock.class);
        String orderId = orderId(command, payload.orderId());
        List<OrderLine> lines = lines(payload.items());
        ReservationOutcome outcome = this.reservations.reserve(orderId, lines);
        switch (outcome) {
            case Reserved reserved -> reply(command, "StockReserved",
                    new StockReserved(orderId,
                            reserved.lines()
                                .stream()
                                .map((line) -> new PricedItem(line.sku(), line.quantity(), line.unitPriceCents()))
                                .toList()));
            case Refused refused -> reply(command, "StockReservationFailed",
                    new StockReservationFailed(orderId, refused.reason().name(), refused.sku()));
        }
    }

    void release(EventEnvelope command) {
        String orderId = orderId(command, this.messages.payload(command, OrderCommand.class).orderId());
        this.reservations.release(orderId);
        reply(command, "StockReleased", new OrderReply(orderId));
    }

    void commit(EventEnvelope command) {
        String orderId = orderId(command, this.messages.payload(command, OrderCommand.class).orderId());
        try {
            this.reservations.commit(orderId);
        }
        catch (StockNotReservedException ex) {
            throw new NonRetryableMessageException(ex.getMessage(), ex);
        }
        reply(command, "StockCommitted", new OrderReply(orderId));
    }

    void returnStock(EventEnvelope command) {
        String orderId = orderId(command, this.messages.payload(command, OrderCommand.class).orderId());
        this.reservations.returnStock(orderId);
        reply(command, "StockReturned", new OrderReply(orderId));
    }

    private void reply(EventEnvelope command, String type, Object payload) {
        this.outbox.append(InventoryMessages.REPLIES, this.messages.causedBy(command, type, payload));
    }

    private static String orderId(EventEnvelope command, String orderId) {
        if (orderId == null || !ID.matcher(orderId).matches()) {
            throw new NonRetryableMessageException(
                    command.type() + " " + command.messageId() + ": payload.orderId must be an id, was " + orderId);
        }
        if (!orderId.equals(command.aggregateId())) {
            throw new NonRetryableMessageException(command.type() + " " + command.messageId() + ": payload.orderId "
                    + orderId + " is not the message key " + command.aggregateId());
        }
        return orderId;
    }

    private static List<OrderLine> lines(List<Item> items) {
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new NonRetryableMessageException("payload.items must hold 1 to " + MAX_ITEMS + " items");
        }
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item == null || item.sku() == null || !ID.matcher(item.sku()).matches()) {
                throw new NonRetryableMessageException("payload.items[" + i + "].sku must be an id");
            }
            if (item.quantity() == null || item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
                throw new NonRetryableMessageException(
                        "payload.items[" + i + "].quantity must be 1 to " + MAX_QUANTITY);
            }
        }
        return items.stream().map((item) -> new OrderLine(item.sku(), item.quantity())).toList();
    }

}
