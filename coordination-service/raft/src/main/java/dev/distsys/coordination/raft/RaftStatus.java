package dev.distsys.coordination.raft;

import java.util.Map;

/**
 * A snapshot of a node's volatile state, for monitoring and for the server's cluster
 * endpoint.
 *
 * @param id this node
 * @param role its role
 * @param term current term
 * @param leader the leader it knows, or {@link RaftNode#NONE}
 * @param commitIndex highest committed index it knows
 * @param appliedIndex highest index handed out for applying
 * @param lastIndex last index in its log
 * @param membership configuration in force (the latest in its log)
 * @param matchIndex per member, the replicated index (leader only; empty otherwise)
 */
public record RaftStatus(long id, RoleName role, long term, long leader, long commitIndex, long appliedIndex,
        long lastIndex, Membership membership, Map<Long, Long> matchIndex) {

    /** Public names of the roles; learners are followers without a vote. */
    public enum RoleName {

        FOLLOWER, PRE_CANDIDATE, CANDIDATE, LEADER, LEARNER

    }

}
