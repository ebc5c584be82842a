package dev.distsys.inventory.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code PUT /api/inventory/{sku}}.
 *
 * @param available units free to reserve from now on
 * @param unitPriceCents the price of one unit for reservations from now on
 */
record StockUpdate(@NotNull @Min(0) @Max(1_000_000_000) Long available,
        @NotNull @Min(0) @Max(100_000_000) Long unitPriceCents) {
}
