package dev.distsys.payment.messaging;

import java.util.regex.Pattern;

import dev.distsys.payment.account.AuthorizationOutcome.Authorized;
import dev.distsys.payment.account.AuthorizationOutcome.Declined;
import dev.distsys.payment.account.PaymentNotAuthorizedException;
import dev.distsys.payment.account.Payments;
import dev.distsys.payment.messaging.PaymentMessages.AuthorizePayment;
import dev.distsys.payment.messaging.PaymentMessages.OrderAmount;
import dev.distsys.payment.messaging.PaymentMessages.OrderCommand;
import dev.distsys.payment.messaging.PaymentMessages.PaymentDeclined;
import dev.distsys.payment.messaging.PaymentMessages.PaymentVoided;
import dev.distsys.shared.consumer.NonRetryableMessageException;
import dev.distsys.shared.messaging.EventEnvelope;
import dev.distsys.shared.messaging.Messages;
import dev.distsys.shared.outbox.Outbox;

import org.springframework.stereotype.Component;

/**
 * Handles each payment command inside the inbox's transaction and writes its one reply to
 * the outbox in that same transaction. A command that breaks the contract (no order id,
 * an order id other than the key, an invalid customer or amount, a capture of nothing)
 * can never succeed and is dead-lettered.
 */
@Component
class PaymentCommandHandlers {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /**
     * Far above any order total (50 items x 1000 units x 10^8 cents); a bound, not a
     * rule.
     */
    private static final long MAX_AMOUNT_CENTS = 1_000_000_000_000_000L;

    private final Payments payments;

    private final Messages messages;

    private final Outbox outbox;

    PaymentCommandHandlers(Payments payments, Messages messages, Outbox outbox) {
        this.payments = payments;
        this.messages = messages;
        this.outbox = outbox;
    }

    void authorize(EventEnvelope command) {
        AuthorizePayment payload = this.messages.payload(command, AuthorizePayment.class);
        String orderId = orderId(command, payload.orderId());
        if (payload.customerId() == null || !ID.matcher(payload.customerId()).matches()) {
            throw new NonRetryableMessageException("payload.customerId must be an id, was " + payload.customerId());
        }
        if (payload.amountCents() == null || payload.amountCents() < 0 || payload.amountCents() > MAX_AMOUNT_CENTS) {
            throw new NonRetryableMessageException(
                    "payload.amountCents must be 0 to " + MAX_AMOUNT_CENTS + ", was " + payload.amountCents());
        }
        switch (this.payments.authorize(orderId, payload.customerId(), payload.amountCents())) {
            case Authorized authorized ->
                reply(command, "PaymentAuthorized", new OrderAmount(orderId, authorized.amountCents()));
            case Declined declined ->
                reply(command, "PaymentDeclined", new PaymentDeclined(orderId, declined.reason().name()));
        }
    }

    void voidPayment(EventEnvelope command) {
        String orderId = orderId(command);
        this.payments.voidPayment(orderId);
        reply(command, "PaymentVoided", new PaymentVoided(orderId));
    }

    void capture(EventEnvelope command) {
        String orderId = orderId(command);
        long amountCents;
        try {
            amountCents = this.payments.capture(orderId);
        }
        catch (PaymentNotAuthorizedException ex) {
            throw new NonRetryableMessageException(ex.getMessage(), ex);
        }
        reply(command, "PaymentCaptured", new OrderAmount(orderId, amountCents));
    }

    void refund(EventEnvelope command) {
        String orderId = orderId(command);
        reply(command, "PaymentRefunded", new OrderAmount(orderId, this.payments.refund(orderId)));
    }

    private void reply(EventEnvelope command, String type, Object payload) {
        this.outbox.append(PaymentMessages.REPLIES, this.messages.causedBy(command, type, payload));
    }

    private String orderId(EventEnvelope command) {
        return orderId(command, this.messages.payload(command, OrderCommand.class).orderId());
    }

    private static String orderId(EventEnvelope command, String orderId) {
        if (orderId == null || !ID.matcher(orderId).matches()) {
            throw new NonRetryableMessageException(
                    command.type() + " " + command.messageId() + ": payload.orderId must be an id, was " + orderId);
        }
        if (!orderId.equals(command.aggregateId())) {
            throw new NonRetryableMessageException(command.type() + " " + command.messageId() + ": payload.orderId "
                    + orderId + " is not the message key " + command.aggregateId());
        }
        return orderId;
    }

}
