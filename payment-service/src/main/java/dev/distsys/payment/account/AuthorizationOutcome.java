package dev.distsys.payment.account;

/** What an authorization came to: the whole amount held, or nothing. */
public sealed interface AuthorizationOutcome {

    /** The amount is held on the customer's account. */
    record Authorized(long amountCents) implements AuthorizationOutcome {
    }

    /** Nothing is held. */
    record Declined(DeclineReason reason) implements AuthorizationOutcome {
    }

    /** Why an authorization holds nothing. */
    enum DeclineReason {

        /** The balance is below the amount. */
        INSUFFICIENT_FUNDS,

        /** The customer has no account. */
        UNKNOWN_ACCOUNT,

        /**
         * The order's payment was voided or refunded before: a late command must not hold
         * money again (beyond the contract's two reasons; see docs/saga-messages.md).
         */
        VOIDED

    }

}
