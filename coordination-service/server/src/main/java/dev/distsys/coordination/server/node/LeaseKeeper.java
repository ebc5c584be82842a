package dev.distsys.coordination.server.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.distsys.coordination.server.state.Command;
import dev.distsys.coordination.server.state.Command.LeaseMark;
import dev.distsys.coordination.server.state.CoordinationState;
import dev.distsys.coordination.server.state.LeaseView;
import dev.distsys.coordination.server.state.Result;

/**
 * The leader's lease clock, on the monotonic clock of the member that decides. A lease's
 * deadline restarts at every committed grant or keep-alive. A new leader gives every
 * lease its TTL again, less what a committed checkpoint proves had already elapsed, so no
 * lease ends early because of a failover (etcd #9888, #13294) and none lives forever
 * across repeated elections. Only the leader proposes expiries; followers never decide by
 * their clocks. Driver thread only.
 */
final class LeaseKeeper {

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long checkpointNanos;

    private final Map<String, Long> deadlines = new HashMap<>();

    private final Map<String, Long> expiryProposed = new HashMap<>();

    private long lastCheckpoint;

    LeaseKeeper(long checkpointMs) {
        this.checkpointNanos = TimeUnit.MILLISECONDS.toNanos(checkpointMs);
    }

    void onApplied(Command command, Result result, CoordinationState state, long now) {
        switch (command) {
            case Command.GrantLease grant when result.code() == Result.Code.OK ->
                this.deadlines.put(grant.leaseId(), now + TimeUnit.MILLISECONDS.toNanos(grant.ttlMs()));
            case Command.KeepAlive keepAlive when result.code() == Result.Code.OK -> {
                this.deadlines.put(keepAlive.leaseId(), now + TimeUnit.MILLISECONDS.toNanos(result.value()));
                this.expiryProposed.remove(keepAlive.leaseId());
            }
            case Command.RevokeLease revoke -> forget(revoke.leaseId());
            case Command.ExpireLeases expire -> expire.leases().forEach((mark) -> {
                if (!state.hasLease(mark.leaseId())) {
                    forget(mark.leaseId());
                }
            });
            default -> {
            }
        }
    }

    private void forget(String leaseId) {
        this.deadlines.remove(leaseId);
        this.expiryProposed.remove(leaseId);
    }

    /**
     * A new term's leader: every lease gets its TTL less the checkpointed elapsed time.
     */
    void onLeadership(CoordinationState state, long now) {
        this.deadlines.clear();
        this.expiryProposed.clear();
        for (LeaseView lease : state.leases()) {
            long remainingMs = Math.max(lease.ttlMs() - lease.elapsedMs(), 0);
            this.deadlines.put(lease.leaseId(), now + TimeUnit.MILLISECONDS.toNanos(remainingMs));
        }
        this.lastCheckpoint = now;
    }

    boolean isExpired(String leaseId, long now) {
        Long deadline = this.deadlines.get(leaseId);
        return deadline != null && now - deadline > 0;
    }

    /**
     * @return leases past their deadline, not already proposed for expiry in the last
     * second
     */
    List<LeaseMark> dueForExpiry(CoordinationState state, long now) {
        List<LeaseMark> due = new ArrayList<>();
        for (LeaseView lease : state.leases()) {
            Long deadline = this.deadlines.get(lease.leaseId());
            if (deadline == null) {
                // Granted before this member led and not yet seen: count from now.
                this.deadlines.put(lease.leaseId(),
                        now + TimeUnit.MILLISECONDS.toNanos(lease.ttlMs() - lease.elapsedMs()));
                continue;
            }
            Long proposed = this.expiryProposed.get(lease.leaseId());
            if (now - deadline > 0 && (proposed == null || now - proposed > RETRY_NANOS)) {
                due.add(new LeaseMark(lease.leaseId(), lease.renewals(), lease.ttlMs()));
                this.expiryProposed.put(lease.leaseId(), now);
            }
            if (due.size() >= 1000) {
                break;
            }
        }
        return due;
    }

    /**
     * @return a checkpoint of elapsed times when one is due, else an empty list
     */
    List<LeaseMark> checkpointDue(CoordinationState state, long now) {
        if (now - this.lastCheckpoint < this.checkpointNanos || state.leaseCount() == 0) {
            return List.of();
        }
        this.lastCheckpoint = now;
        List<LeaseMark> marks = new ArrayList<>();
        for (LeaseView lease : state.leases()) {
            Long deadline = this.deadlines.get(lease.leaseId());
            if (deadline != null) {
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(Math.max(deadline - now, 0));
                marks.add(new LeaseMark(lease.leaseId(), lease.renewals(), Math.max(lease.ttlMs() - remainingMs, 0)));
            }
        }
        return marks;
    }

}
