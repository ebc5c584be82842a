package dev.distsys.shipping.carrier;

/** A configured carrier and whether shipments may be given to it now. */
public record CarrierState(String name, boolean available) {
}
