package dev.distsys.coordination.raft;

/**
 * A confirmed linearizable read: once the application has applied {@code index}, it may
 * answer the read identified by {@code context} from its state (ReadIndex, dissertation
 * §6.4).
 *
 * @param context the caller's opaque identifier passed to
 * {@link RaftNode#readIndex(byte[])}
 * @param index the commit index at the time leadership was confirmed
 */
public record ReadState(byte[] context, long index) {

}
