package dev.distsys.shipping.shipment;

/** What a CancelShipment came to. */
public sealed interface CancellationOutcome {

    /** The order has no shipment that is not cancelled (maybe it never had one). */
    record Cancelled() implements CancellationOutcome {
    }

    /** The shipment has left: it can no longer be cancelled. */
    record AlreadyDispatched(String shipmentId) implements CancellationOutcome {
    }

}
