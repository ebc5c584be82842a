package dev.distsys.order.order;

/**
 * One line of an order.
 *
 * @param unitPriceCents the price inventory reserved it at; {@code null} until priced
 */
public record OrderItem(String sku, int quantity, Long unitPriceCents) {

}
