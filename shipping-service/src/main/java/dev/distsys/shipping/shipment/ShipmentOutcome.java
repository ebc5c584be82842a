package dev.distsys.shipping.shipment;

/** What a CreateShipment came to. */
public sealed interface ShipmentOutcome {

    /** The order has this shipment (new, or created by an earlier command). */
    record Created(String shipmentId, String carrier) implements ShipmentOutcome {
    }

    /** Nothing was created. */
    record Rejected(RejectionReason reason) implements ShipmentOutcome {
    }

    /** Why no shipment was created. */
    enum RejectionReason {

        /** Every configured carrier is switched off. */
        NO_CARRIER_AVAILABLE,

        /**
         * The order's shipping was cancelled before: a late command must not ship it
         * (beyond the contract's reason; see docs/saga-messages.md).
         */
        CANCELLED

    }

}
