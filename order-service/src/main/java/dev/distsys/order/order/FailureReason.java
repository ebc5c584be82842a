package dev.distsys.order.order;

/** Why an order was rejected (CONTRACT.md), one per way the saga can fail. */
public enum FailureReason {

    OUT_OF_STOCK, UNKNOWN_SKU, PAYMENT_DECLINED, SHIPPING_UNAVAILABLE, TIMEOUT

}
