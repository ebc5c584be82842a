package dev.distsys.inventory.stock;

/** A quantity of one sku that an order wants. */
public record OrderLine(String sku, long quantity) {
}
