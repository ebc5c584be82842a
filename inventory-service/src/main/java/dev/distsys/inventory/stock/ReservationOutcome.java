package dev.distsys.inventory.stock;

import java.util.List;

/** What a reservation of an order's lines came to: all of them, or none. */
public sealed interface ReservationOutcome {

    /** Every line is held for the order. */
    record Reserved(List<ReservedLine> lines) implements ReservationOutcome {

        public Reserved {
            lines = List.copyOf(lines);
        }

    }

    /**
     * Nothing is held.
     *
     * @param reason why
     * @param sku the sku that made it fail, or {@code null} for
     * {@link RefusalReason#RELEASED}
     */
    record Refused(RefusalReason reason, String sku) implements ReservationOutcome {
    }

    /** The contract's reasons of a {@code StockReservationFailed}. */
    enum RefusalReason {

        /** A sku has fewer units available than the order wants. */
        OUT_OF_STOCK,

        /** A sku does not exist. */
        UNKNOWN_SKU,

        /**
         * The order's stock was released before: a late command must not hold stock
         * again.
         */
        RELEASED

    }

}
