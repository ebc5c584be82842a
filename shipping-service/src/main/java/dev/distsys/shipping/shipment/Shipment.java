package dev.distsys.shipping.shipment;

import java.time.Instant;

/**
 * A shipment, as the contract shows it.
 *
 * @param shipmentId its id
 * @param orderId the order it ships
 * @param status {@code CREATED}, {@code DISPATCHED} or {@code CANCELLED}
 * @param carrier the carrier chosen for it
 * @param createdAt when it was created
 */
public record Shipment(String shipmentId, String orderId, String status, String carrier, Instant createdAt) {
}
