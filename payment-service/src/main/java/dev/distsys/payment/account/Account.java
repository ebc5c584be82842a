package dev.distsys.payment.account;

/**
 * A customer's money, as the contract shows it.
 *
 * @param customerId the customer
 * @param balanceCents money free to authorize
 * @param heldCents money held by authorizations of orders not final yet
 * @param capturedCents money taken for approved orders
 */
public record Account(String customerId, long balanceCents, long heldCents, long capturedCents) {
}
