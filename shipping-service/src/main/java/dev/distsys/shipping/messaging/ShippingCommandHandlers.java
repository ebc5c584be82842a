package dev.distsys.shipping.messaging;

import java.util.List;
import java.util.regex.Pattern;

import dev.distsys.shared.consumer.NonRetryableMessageException;
import dev.distsys.shared.messaging.EventEnvelope;
import dev.distsys.shared.messaging.Messages;
import dev.distsys.shared.outbox.Outbox;
import dev.distsys.shipping.messaging.ShippingMessages.CancelShipment;
import dev.distsys.shipping.messaging.ShippingMessages.CreateShipment;
import dev.distsys.shipping.messaging.ShippingMessages.Item;
import dev.distsys.shipping.messaging.ShippingMessages.ShipmentCancelRefused;
import dev.distsys.shipping.messaging.ShippingMessages.ShipmentCancelled;
import dev.distsys.shipping.messaging.ShippingMessages.ShipmentCreated;
import dev.distsys.shipping.messaging.ShippingMessages.ShipmentRejected;
import dev.distsys.shipping.shipment.CancellationOutcome.AlreadyDispatched;
import dev.distsys.shipping.shipment.CancellationOutcome.Cancelled;
import dev.distsys.shipping.shipment.ShipmentOutcome.Created;
import dev.distsys.shipping.shipment.ShipmentOutcome.Rejected;
import dev.distsys.shipping.shipment.Shipments;

import org.springframework.stereotype.Component;

/**
 * Handles each shipping command inside the inbox's transaction and writes its one reply
 * to the outbox in that same transaction. A command that breaks the contract (no order
 * id, an order id other than the key, no customer, invalid items) can never succeed and
 * is dead-lettered.
 */
@Component
class ShippingCommandHandlers {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private static final int MAX_ITEMS = 1000;

    private final Shipments shipments;

    private final Messages messages;

    private final Outbox outbox;

    ShippingCommandHandlers(Shipments shipments, Messages messages, Outbox outbox) {
        this.shipments = shipments;
        this.messages = messages;
        this.outbox = outbox;
    }

    void create(EventEnvelope command) {
        CreateShipment payload = this.messages.payload(command, CreateShipment.class);
        String orderId = orderId(command, payload.orderId());
        if (payload.customerId() == null || !ID.matcher(payload.customerId()).matches()) {
            throw new NonRetryableMessageException("payload.customerId must be an id, was " + payload.customerId());
        }
        requireItems(payload.items());
        switch (this.shipments.create(orderId, payload.customerId(), command.sagaId(),
                Messages.traceId(command.traceparent()))) {
            case Created created -> reply(command, "ShipmentCreated",
                    new ShipmentCreated(orderId, created.shipmentId(), created.carrier()));
            case Rejected rejected ->
                reply(command, "ShipmentRejected", new ShipmentRejected(orderId, rejected.reason().name()));
        }
    }

    void cancel(EventEnvelope command) {
        String orderId = orderId(command, this.messages.payload(command, CancelShipment.class).orderId());
        switch (this.shipments.cancel(orderId)) {
            case Cancelled cancelled -> reply(command, "ShipmentCancelled", new ShipmentCancelled(orderId));
            case AlreadyDispatched dispatched ->
                reply(command, "ShipmentCancelRefused", new ShipmentCancelRefused(orderId, "ALREADY_DISPATCHED"));
        }
    }

    private void reply(EventEnvelope command, String type, Object payload) {
        this.outbox.append(ShippingMessages.REPLIES, this.messages.causedBy(command, type, payload));
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

    private static void requireItems(List<Item> items) {
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new NonRetryableMessageException("payload.items must hold 1 to " + MAX_ITEMS + " items");
        }
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item == null || item.sku() == null || !ID.matcher(item.sku()).matches()) {
                throw new NonRetryableMessageException("payload.items[" + i + "].sku must be an id");
            }
            if (item.quantity() == null || item.quantity() < 1) {
                throw new NonRetryableMessageException("payload.items[" + i + "].quantity must be at least 1");
            }
        }
    }

}
