package dev.distsys.order.saga;

/** The sagas order-service runs. */
public enum SagaKind {

    /**
     * Reserve, authorize, ship, capture, commit: an order from PENDING to APPROVED or
     * REJECTED.
     */
    PLACE_ORDER,

    /** Cancel the shipment, refund, return the stock: an APPROVED order to CANCELLED. */
    CANCEL_ORDER

}
