package dev.distsys.payment.account;

/**
 * An order's payment cannot be captured because nothing is held for it (never authorized,
 * declined, or voided): the command contradicts the saga.
 */
public class PaymentNotAuthorizedException extends RuntimeException {

    public PaymentNotAuthorizedException(String orderId, String status) {
        super("order " + orderId + " has no authorized payment to capture (its payment is " + status + ")");
    }

}
