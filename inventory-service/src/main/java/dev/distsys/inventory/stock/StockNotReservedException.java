package dev.distsys.inventory.stock;

/**
 * An order's stock cannot be committed because the order holds no reservation (it was
 * never reserved, was refused, or was released): the command contradicts the saga.
 */
public class StockNotReservedException extends RuntimeException {

    public StockNotReservedException(String orderId, String status) {
        super("order " + orderId + " holds no reserved stock to commit (its stock is " + status + ")");
    }

}
