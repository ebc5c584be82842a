package dev.distsys.inventory.stock;

/**
 * The stock of one sku, as the contract shows it.
 *
 * @param sku the stock-keeping unit
 * @param available units free to reserve
 * @param reserved units held by orders that are not final yet
 * @param sold units of approved orders
 * @param unitPriceCents the current price of one unit
 */
public record StockItem(String sku, long available, long reserved, long sold, long unitPriceCents) {
}
