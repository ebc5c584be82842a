package dev.distsys.shared.clock;

/**
 * A vector timestamp would name more processes than allowed. The clock that threw is
 * unchanged; the message that carried the offending vector should go to a dead-letter
 * queue rather than be retried.
 */
public final class VectorClockCapacityException extends RuntimeException {

    private final int maxEntries;

    private final int attemptedEntries;

    VectorClockCapacityException(int maxEntries, int attemptedEntries) {
        super("vector timestamp would have " + attemptedEntries + " entries, more than the limit of " + maxEntries);
        this.maxEntries = maxEntries;
        this.attemptedEntries = attemptedEntries;
    }

    public int maxEntries() {
        return this.maxEntries;
    }

    public int attemptedEntries() {
        return this.attemptedEntries;
    }

}
