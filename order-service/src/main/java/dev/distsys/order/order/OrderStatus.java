package dev.distsys.order.order;

/** The statuses of CONTRACT.md: PENDING is the only one that is not final. */
public enum OrderStatus {

    PENDING, APPROVED, REJECTED, CANCELLED;

    public boolean isFinal() {
        return this != PENDING;
    }

}
