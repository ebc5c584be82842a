package dev.distsys.coordination.server.state;

/** A lease as the leader's expiry clock needs it. */
public record LeaseView(String leaseId, long ttlMs, long elapsedMs, long renewals) {

}
