package dev.distsys.coordination.server.node;

import java.util.Map;

import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.RaftStatus.RoleName;

/**
 * What monitoring and {@code GET /v1/cluster} show, refreshed by the driver every tick.
 */
public record NodeStatus(long id, RoleName role, long term, long leader, long commitIndex, long appliedIndex,
        long revision, Membership membership, Map<Long, Long> matchIndex, int leases, int lockWaiters, int watchers) {

}
