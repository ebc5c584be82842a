package dev.distsys.payment.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code PUT /api/accounts/{customerId}}.
 *
 * @param balanceCents the money free to authorize from now on
 */
record BalanceUpdate(@NotNull @Min(0) @Max(1_000_000_000_000L) Long balanceCents) {
}
