package dev.distsys.shared.clock;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The vector clock of one process: a thread-safe holder of the process's current
 * {@link VectorTimestamp}.
 *
 * <p>
 * Contract: {@link #tick()} for every local event and before every send (stamping the
 * message with the returned snapshot), {@link #receive(VectorTimestamp)} with the stamp
 * of every delivered message. Then for any two events, {@code V(a).compareTo(V(b))} is
 * {@link Ordering#BEFORE} exactly when {@code a} happened before {@code b}, and
 * {@link Ordering#CONCURRENT} exactly when neither did.
 */
public final class VectorClock {

    private final String processId;

    private final int maxEntries;

    private final AtomicReference<VectorTimestamp> current;

    private VectorClock(String processId, int maxEntries, VectorTimestamp start) {
        VectorTimestamp.requireProcessId(processId);
        if (maxEntries < 1 || maxEntries > VectorTimestamp.MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "maxEntries must be in [1, " + VectorTimestamp.MAX_ENTRIES + "], was " + maxEntries);
        }
        if (start.size() > maxEntries) {
            throw new VectorClockCapacityException(maxEntries, start.size());
        }
        this.processId = processId;
        this.maxEntries = maxEntries;
        this.current = new AtomicReference<>(start);
    }

    /**
     * A clock for {@code processId} that accepts at most {@code maxEntries} processes in
     * its vector.
     */
    public static VectorClock forProcess(String processId, int maxEntries) {
        return new VectorClock(processId, maxEntries, VectorTimestamp.empty());
    }

    /** A clock resumed from a persisted snapshot. */
    public static VectorClock resumeFrom(String processId, int maxEntries, VectorTimestamp persisted) {
        return new VectorClock(processId, maxEntries, persisted);
    }

    /** Records a local event or a send; returns its timestamp. */
    public VectorTimestamp tick() {
        return this.current.updateAndGet((now) -> now.increment(this.processId, this.maxEntries));
    }

    /**
     * Records the delivery of a message stamped {@code remote}; returns the timestamp of
     * the delivery event (the merge of both, then this process's counter advanced).
     * @throws VectorClockCapacityException if the result would name more than
     * {@code maxEntries} processes; the clock is then unchanged
     */
    public VectorTimestamp receive(VectorTimestamp remote) {
        return this.current
            .updateAndGet((now) -> now.merge(remote, Integer.MAX_VALUE).increment(this.processId, this.maxEntries));
    }

    /** The timestamp of the latest event; does not advance the clock. */
    public VectorTimestamp current() {
        return this.current.get();
    }

    public String processId() {
        return this.processId;
    }

    @Override
    public String toString() {
        return "VectorClock[" + this.processId + "=" + current() + "]";
    }

}
