package dev.distsys.payment.account;

import dev.distsys.payment.account.AuthorizationOutcome.Authorized;
import dev.distsys.payment.account.AuthorizationOutcome.DeclineReason;
import dev.distsys.payment.account.AuthorizationOutcome.Declined;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga's operations on an order's payment. Each runs in the caller's transaction (the
 * one that records the command in the inbox) and is idempotent per order: the order's
 * {@code payment} row is locked first, so the commands of one order are serialised, and
 * its status says what was done before.
 *
 * <p>
 * Never overdraws: an authorization moves money with one conditional update
 * ({@code ... WHERE balance_cents >= amount}) under the account's row lock, and the
 * table's CHECKs back it up.
 */
@Service
public class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    private final JdbcTemplate jdbc;

    private final MeterRegistry meters;

    Payments(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /**
     * Holds {@code amountCents} of the customer's balance for the order, or nothing. A
     * repeat for the same order answers what the first one did.
     */
    @Transactional
    public AuthorizationOutcome authorize(String orderId, String customerId, long amountCents) {
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents must not be negative");
        }
        Payment payment = lock(orderId);
        AuthorizationOutcome outcome = switch (payment.status()) {
            case "AUTHORIZED", "CAPTURED" -> new Authorized(payment.amountCents());
            case "DECLINED" -> new Declined(DeclineReason.valueOf(payment.declineReason()));
            case "VOIDED", "REFUNDED" -> new Declined(DeclineReason.VOIDED);
            case "NEW" -> authorizeNow(orderId, customerId, amountCents);
            default ->
                throw new IllegalStateException("order " + orderId + " has unknown payment status " + payment.status());
        };
        String tag = (outcome instanceof Declined declined) ? declined.reason().name() : "AUTHORIZED";
        this.meters
            .counter("payment.authorizations", "outcome", tag, "repeat",
                    Boolean.toString(!"NEW".equals(payment.status())))
            .increment();
        return outcome;
    }

    /**
     * Gives back whatever the order holds (held money, or captured money if it was
     * captured) and marks it voided, so that a late authorization holds nothing. Nothing
     * held is fine.
     */
    @Transactional
    public void voidPayment(String orderId) {
        Payment payment = lock(orderId);
        switch (payment.status()) {
            case "AUTHORIZED" -> {
                move(payment, "held_cents", "balance_cents");
                setStatus(orderId, "VOIDED");
                count("void", "money");
            }
            case "CAPTURED" -> {
                log.warn("VoidPayment for order {} whose payment was captured: the captured money is refunded",
                        orderId);
                move(payment, "captured_cents", "balance_cents");
                setStatus(orderId, "REFUNDED");
                count("void", "money");
            }
            case "NEW" -> {
                setStatus(orderId, "VOIDED");
                count("void", "none");
            }
            default -> count("void", "none");
        }
    }

    /**
     * The held money of the order becomes captured, exactly once.
     * @return the amount captured
     * @throws PaymentNotAuthorizedException when nothing is held for the order
     */
    @Transactional
    public long capture(String orderId) {
        Payment payment = lock(orderId);
        switch (payment.status()) {
            case "AUTHORIZED" -> {
                move(payment, "held_cents", "captured_cents");
                setStatus(orderId, "CAPTURED");
                count("capture", "money");
            }
            case "CAPTURED", "REFUNDED" -> count("capture", "none");
            default -> throw new PaymentNotAuthorizedException(orderId, payment.status());
        }
        return payment.amountCents();
    }

    /**
     * Captured money of the order returns to the balance (cancellation); money still held
     * is voided. Nothing captured is fine.
     * @return the amount refunded by this order's refund, 0 when nothing was captured
     */
    @Transactional
    public long refund(String orderId) {
        Payment payment = lock(orderId);
        switch (payment.status()) {
            case "CAPTURED" -> {
                move(payment, "captured_cents", "balance_cents");
                setStatus(orderId, "REFUNDED");
                count("refund", "money");
                return payment.amountCents();
            }
            case "REFUNDED" -> {
                count("refund", "none");
                return payment.amountCents();
            }
            case "AUTHORIZED" -> {
                move(payment, "held_cents", "balance_cents");
                setStatus(orderId, "VOIDED");
                count("refund", "money");
                return 0;
            }
            case "NEW" -> {
                setStatus(orderId, "VOIDED");
                count("refund", "none");
                return 0;
            }
            default -> {
                count("refund", "none");
                return 0;
            }
        }
    }

    private AuthorizationOutcome authorizeNow(String orderId, String customerId, long amountCents) {
        int moved = this.jdbc.update("""
                UPDATE account SET balance_cents = balance_cents - ?, held_cents = held_cents + ?,
                    updated_at = clock_timestamp()
                WHERE customer_id = ? AND balance_cents >= ?""", amountCents, amountCents, customerId, amountCents);
        if (moved == 1) {
            this.jdbc.update("""
                    UPDATE payment SET status = 'AUTHORIZED', customer_id = ?, amount_cents = ?,
                        updated_at = clock_timestamp()
                    WHERE order_id = ?""", customerId, amountCents, orderId);
            return new Authorized(amountCents);
        }
        Integer accounts = this.jdbc.queryForObject("SELECT count(*) FROM account WHERE customer_id = ?", Integer.class,
                customerId);
        DeclineReason reason = (accounts == 0) ? DeclineReason.UNKNOWN_ACCOUNT : DeclineReason.INSUFFICIENT_FUNDS;
        this.jdbc.update("""
                UPDATE payment SET status = 'DECLINED', customer_id = ?, amount_cents = ?, decline_reason = ?,
                    updated_at = clock_timestamp()
                WHERE order_id = ?""", customerId, amountCents, reason.name(), orderId);
        return new Declined(reason);
    }

    private void move(Payment payment, String from, String to) {
        int moved = this.jdbc.update(
                "UPDATE account SET " + from + " = " + from + " - ?, " + to + " = " + to
                        + " + ?, updated_at = clock_timestamp() WHERE customer_id = ?",
                payment.amountCents(), payment.amountCents(), payment.customerId());
        if (moved != 1) {
            throw new IllegalStateException(
                    "the account " + payment.customerId() + " of order " + payment.orderId() + " is gone");
        }
    }

    /**
     * Creates the order's row if it is new and locks it: its commands run one at a time.
     */
    private Payment lock(String orderId) {
        this.jdbc.update("INSERT INTO payment (order_id, status) VALUES (?, 'NEW') ON CONFLICT DO NOTHING", orderId);
        return this.jdbc.queryForObject(
                "SELECT order_id, status, customer_id, amount_cents, decline_reason FROM payment WHERE order_id = ? FOR UPDATE",
                (rs, row) -> new Payment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5)),
                orderId);
    }

    private void setStatus(String orderId, String status) {
        this.jdbc.update("UPDATE payment SET status = ?, updated_at = clock_timestamp() WHERE order_id = ?", status,
                orderId);
    }

    private void count(String command, String effect) {
        this.meters.counter("payment.commands", "command", command, "effect", effect).increment();
    }

    private record Payment(String orderId, String status, String customerId, long amountCents, String declineReason) {
    }

}
