package dev.distsys.coordination.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Campaigns for an election on its own thread and reports leadership: {@code elected}
 * with the term when this candidate leads, {@code revoked} with that term when its lease
 * may have ended or it resigned. A revoked leader campaigns again with a new lease.
 */
public final class LeaderElection implements AutoCloseable {

    private final CoordinationClient client;

    private final String election;

    private final String candidate;

    private final Duration ttl;

    private final LongConsumer elected;

    private final LongConsumer revoked;

    private final AtomicBoolean running = new AtomicBoolean(true);

    private final Thread thread;

    private volatile Lease lease;

    public LeaderElection(CoordinationClient client, String election, String candidate, Duration ttl,
            LongConsumer elected, LongConsumer revoked) {
        this.client = client;
        this.election = election;
        this.candidate = candidate;
        this.ttl = ttl;
        this.elected = elected;
        this.revoked = revoked;
        this.thread = Thread.ofPlatform().name("election-" + election).daemon().start(this::run);
    }

    private void run() {
        while (this.running.get()) {
            try (Lease current = this.client.grantLease(this.ttl)) {
                this.lease = current;
                long term = campaign(current);
                if (term < 0) {
                    continue;
                }
                this.elected.accept(term);
                while (this.running.get() && current.isValid()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
                this.revoked.accept(term);
            }
            catch (CoordinationException ex) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    private long campaign(Lease current) {
        while (this.running.get() && current.isValid()) {
            try {
                return this.client.campaign(this.election, current, this.candidate, Duration.ofSeconds(5));
            }
            catch (CoordinationException ex) {
                if (!ex.isConflict()) {
                    throw ex;
                }
            }
        }
        return -1;
    }

    /**
     * Stops campaigning; a leader resigns (its lease is revoked) and hears
     * {@code revoked}.
     */
    @Override
    public void close() throws InterruptedException {
        this.running.set(false);
        this.thread.join(Duration.ofSeconds(15));
    }

}
