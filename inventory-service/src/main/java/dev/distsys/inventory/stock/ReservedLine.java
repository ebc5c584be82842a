package dev.distsys.inventory.stock;

/** A quantity of one sku an order holds, at the price of the moment it was reserved. */
public record ReservedLine(String sku, long quantity, long unitPriceCents) {
}
