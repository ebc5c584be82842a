package dev.distsys.coordination.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A lease kept alive by a thread of its own every third of its TTL. Its deadline is
 * tracked on this JVM's monotonic clock from the moment a keep-alive was sent (not
 * answered), so {@link #isValid()} turns false no later than the service could expire it:
 * a holder learns it may have lost its lock before the service says so. Closing it
 * revokes it.
 */
public final class Lease implements AutoCloseable {

    private final CoordinationClient client;

    private final String id;

    private final Duration ttl;

    private final ScheduledExecutorService keeper;

    private volatile long deadlineNanos;

    private volatile boolean lost;

    Lease(CoordinationClient client, String id, Duration ttl) {
        this.client = client;
        this.id = id;
        this.ttl = ttl;
        this.deadlineNanos = System.nanoTime() + ttl.toNanos();
        this.keeper = Executors
            .newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lease-keepalive-" + id).daemon().factory());
        long periodMs = Math.max(ttl.toMillis() / 3, 100);
        this.keeper.scheduleWithFixedDelay(this::renew, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        long sentAt = System.nanoTime();
        try {
            if (this.client.keepAlive(this.id)) {
                this.deadlineNanos = sentAt + this.ttl.toNanos();
            }
            else {
                this.lost = true;
                this.keeper.shutdown();
            }
        }
        catch (RuntimeException ex) {
            // Unreachable service: keep trying until the local deadline says it is gone.
        }
    }

    public String id() {
        return this.id;
    }

    /**
     * @return whether this lease may still be alive on the service
     */
    public boolean isValid() {
        return !this.lost && System.nanoTime() - this.deadlineNanos < 0;
    }

    /**
     * @return how long the lease surely lasts without another keep-alive
     */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(this.deadlineNanos - System.nanoTime(), 0));
    }

    @Override
    public void close() {
        this.keeper.shutdownNow();
        if (!this.lost) {
            this.client.revoke(this.id);
        }
    }

}
