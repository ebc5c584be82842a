package dev.distsys.coordination.client;

/**
 * A held lock. Pass {@link #fencingToken()} with every write to the protected resource
 * (for keys: {@link CoordinationClient#putFenced}); the resource must refuse older
 * tokens, because a paused holder can wake up after its lease ended (Kleppmann, "How to
 * do distributed locking", 2016). Closing it releases the lock; the next waiter gets it
 * in the same log entry.
 */
public final class DistributedLock implements AutoCloseable {

    private final CoordinationClient client;

    private final String name;

    private final Lease lease;

    private final long fencingToken;

    DistributedLock(CoordinationClient client, String name, Lease lease, long fencingToken) {
        this.client = client;
        this.name = name;
        this.lease = lease;
        this.fencingToken = fencingToken;
    }

    public String name() {
        return this.name;
    }

    public long fencingToken() {
        return this.fencingToken;
    }

    /**
     * @return false once the lease may have ended: the lock may be someone else's
     */
    public boolean isHeld() {
        return this.lease.isValid();
    }

    @Override
    public void close() {
        try {
            this.client.unlock(this.name, this.fencingToken);
        }
        catch (CoordinationException ex) {
            if (!ex.isConflict()) {
                throw ex;
            }
            // Already lost (lease ended): nothing to release.
        }
    }

}
