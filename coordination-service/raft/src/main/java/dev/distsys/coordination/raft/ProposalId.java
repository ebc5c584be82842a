package dev.distsys.coordination.raft;

/**
 * Where a proposal was appended. If the entry applied at {@code index} has another term,
 * the proposal was lost to a leader change and may be retried (with the same client
 * serial number).
 *
 * @param index log index of the entry
 * @param term term of the leader that appended it
 */
public record ProposalId(long index, long term) {

}
