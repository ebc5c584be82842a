package dev.distsys.coordination.server.state;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A lock or an election: one holder, a FIFO queue of waiters, and the last token given
 * out, which never goes down (it is replicated and snapshotted, so tokens keep increasing
 * across leaders and restarts).
 */
final class Mutex {

    record Waiter(String leaseId, String value) {
    }

    String holderLease;

    String holderValue;

    long token;

    long lastToken;

    final Deque<Waiter> waiters = new ArrayDeque<>();

    boolean isHeldBy(String leaseId) {
        return leaseId.equals(this.holderLease);
    }

    boolean isWaiting(String leaseId) {
        return this.waiters.stream().anyMatch((w) -> w.leaseId().equals(leaseId));
    }

    boolean removeWaiter(String leaseId) {
        return this.waiters.removeIf((w) -> w.leaseId().equals(leaseId));
    }

    LockView view() {
        return new LockView(this.holderLease != null, this.token, this.holderLease, this.holderValue,
                this.waiters.size());
    }

}
