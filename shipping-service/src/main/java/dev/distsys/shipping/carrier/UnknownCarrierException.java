package dev.distsys.shipping.carrier;

/** The named carrier is not one of {@code shipping.carriers}. */
public class UnknownCarrierException extends RuntimeException {

    public UnknownCarrierException(String name) {
        super("carrier " + name + " is not configured");
    }

}
