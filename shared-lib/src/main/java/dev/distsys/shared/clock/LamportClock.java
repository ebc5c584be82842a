package dev.distsys.shared.clock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A Lamport logical clock for one process: safe to share between threads.
 *
 * <p>
 * Contract: call {@link #tick()} for every local event and before every send (stamping
 * the message with the returned value), and {@link #receive(long)} with the stamp of
 * every delivered message. Then for events {@code a -> b} (happened-before),
 * {@code L(a) < L(b)}. The converse does not hold: use {@link VectorClock} to detect
 * concurrency.
 */
public final class LamportClock {

    private final AtomicLong time;

    private LamportClock(long start) {
        this.time = new AtomicLong(start);
    }

    /** A clock at 0, before any event. */
    public static LamportClock create() {
        return new LamportClock(0);
    }

    /**
     * A clock resumed from a persisted value, so that a restarted process never reuses a
     * timestamp it already handed out.
     */
    public static LamportClock resumeFrom(long persisted) {
        requireValid(persisted, "persisted");
        return new LamportClock(persisted);
    }

    /** Records a local event or a send; returns its timestamp. */
    public long tick() {
        return this.time.updateAndGet(LamportClock::next);
    }

    /**
     * Records the delivery of a message stamped {@code remote}; returns the timestamp of
     * the delivery event, {@code max(local, remote) + 1}.
     * @throws IllegalArgumentException if {@code remote} is negative or
     * {@link Long#MAX_VALUE} (a corrupt stamp would otherwise jam the clock)
     */
    public long receive(long remote) {
        requireValid(remote, "remote");
        return this.time.updateAndGet((local) -> next(Math.max(local, remote)));
    }

    /** The timestamp of the latest event; does not advance the clock. */
    public long current() {
        return this.time.get();
    }

    private static long next(long value) {
        if (value == Long.MAX_VALUE) {
            throw new IllegalStateException("Lamport clock exhausted");
        }
        return value + 1;
    }

    private static void requireValid(long value, String name) {
        if (value < 0 || value == Long.MAX_VALUE) {
            throw new IllegalArgumentException(name + " Lamport time must be in [0, Long.MAX_VALUE), was " + value);
        }
    }

    @Override
    public String toString() {
        return "LamportClock[" + current() + "]";
    }

}
