package dev.distsys.payment.messaging;

/**
 * The payloads of {@code payment.commands} and of payment's replies, as
 * docs/saga-messages.md defines them. Declared here, not shared: the page is the
 * agreement.
 */
final class PaymentMessages {

    static final String COMMANDS = "payment.commands";

    static final String REPLIES = "order.saga-replies";

    private PaymentMessages() {
    }

    record AuthorizePayment(String orderId, String customerId, Long amountCents) {
    }

    /** The payload of VoidPayment, CapturePayment and RefundPayment. */
    record OrderCommand(String orderId) {
    }

    /** The payload of PaymentAuthorized, PaymentCaptured and PaymentRefunded. */
    record OrderAmount(String orderId, long amountCents) {
    }

    record PaymentDeclined(String orderId, String reason) {
    }

    record PaymentVoided(String orderId) {
    }

}
