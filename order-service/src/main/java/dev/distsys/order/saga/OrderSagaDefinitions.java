package dev.distsys.order.saga;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.distsys.order.order.FailureReason;
import dev.distsys.order.order.Order;
import dev.distsys.order.order.OrderRepository;
import dev.distsys.shared.consumer.NonRetryableMessageException;
import dev.distsys.shared.messaging.EventEnvelope;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import static dev.distsys.order.saga.Topics.INVENTORY_COMMANDS;
import static dev.distsys.order.saga.Topics.PAYMENT_COMMANDS;
import static dev.distsys.order.saga.Topics.SHIPPING_COMMANDS;

/**
 * The two sagas of ARCHITECTURE.md, written the way the flow reads. Placing an order:
 * reserve the stock, authorize the payment, create the shipment, capture the payment,
 * commit the stock; a failure compensates the completed steps in reverse. Cancelling an
 * approved order: cancel the shipment first (the only step that can be refused, once the
 * parcel has left), then refund and return the stock, which must complete and are retried
 * until they do.
 */
@Component
class OrderSagaDefinitions {

    private final SagaDefinition placeOrder;

    private final SagaDefinition cancelOrder;

    OrderSagaDefinitions(OrderRepository orders, Clock clock) {
        this.placeOrder = SagaDefinition.define(SagaKind.PLACE_ORDER)
            .step("ReserveStock", INVENTORY_COMMANDS, Commands::reserveStock)
            .succeedsOn("StockReserved",
                    (order, reply) -> orders.price(order.orderId(), prices(reply), clock.instant()))
            .failsOn("StockReservationFailed", OrderSagaDefinitions::stockFailure)
            .compensatedBy("ReleaseStock", "StockReleased")
            .step("AuthorizePayment", PAYMENT_COMMANDS, Commands::authorizePayment)
            .succeedsOn("PaymentAuthorized")
            .failsOn("PaymentDeclined", (reply) -> FailureReason.PAYMENT_DECLINED)
            .compensatedBy("VoidPayment", "PaymentVoided")
            .step("CreateShipment", SHIPPING_COMMANDS, Commands::createShipment)
            .succeedsOn("ShipmentCreated")
            .failsOn("ShipmentRejected", (reply) -> FailureReason.SHIPPING_UNAVAILABLE)
            .compensatedBy("CancelShipment", "ShipmentCancelled", "ShipmentCancelRefused")
            .step("CapturePayment", PAYMENT_COMMANDS, Commands::forOrder)
            .succeedsOn("PaymentCaptured")
            .compensatedBy("RefundPayment", "PaymentRefunded")
            .step("CommitStock", INVENTORY_COMMANDS, Commands::forOrder)
            .succeedsOn("StockCommitted")
            .compensatedBy("ReturnStock", "StockReturned")
            .build();
        this.cancelOrder = SagaDefinition.define(SagaKind.CANCEL_ORDER)
            .step("CancelShipment", SHIPPING_COMMANDS, Commands::forOrder)
            .succeedsOn("ShipmentCancelled")
            .refusedOn("ShipmentCancelRefused")
            .retriedOnTimeout()
            .step("RefundPayment", PAYMENT_COMMANDS, Commands::forOrder)
            .succeedsOn("PaymentRefunded")
            .retriedOnTimeout()
            .step("ReturnStock", INVENTORY_COMMANDS, Commands::forOrder)
            .succeedsOn("StockReturned")
            .retriedOnTimeout()
            .build();
    }

    SagaDefinition of(SagaKind kind) {
        return switch (kind) {
            case PLACE_ORDER -> this.placeOrder;
            case CANCEL_ORDER -> this.cancelOrder;
        };
    }

    private static Map<String, Long> prices(EventEnvelope reply) {
        Map<String, Long> prices = new LinkedHashMap<>();
        JsonNode items = reply.payload().path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw new NonRetryableMessageException("StockReserved without items for order " + reply.aggregateId());
        }
        for (JsonNode item : items) {
            JsonNode price = item.path("unitPriceCents");
            if (!item.path("sku").isString() || !price.canConvertToLong() || price.asLong() < 0) {
                throw new NonRetryableMessageException("StockReserved with a malformed item " + item);
            }
            prices.put(item.path("sku").asString(), price.asLong());
        }
        return prices;
    }

    private static FailureReason stockFailure(EventEnvelope reply) {
        return "UNKNOWN_SKU".equals(reply.payload().path("reason").asString()) ? FailureReason.UNKNOWN_SKU
                : FailureReason.OUT_OF_STOCK;
    }

}
