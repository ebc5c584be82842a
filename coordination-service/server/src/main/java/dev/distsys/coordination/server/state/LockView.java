package dev.distsys.coordination.server.state;

/**
 * A lock or election as readers see it.
 *
 * @param token the holder's fencing token (the election's term), or the last one given
 * out when free
 * @param value the holder's candidate text (elections)
 */
public record LockView(boolean held, long token, String leaseId, String value, int waiters) {

}
