package dev.distsys.coordination.raft;

/**
 * What must be durable before any message of the same {@link Ready} leaves the node: a
 * restart that forgets its vote can elect two leaders in one term (Raft Figure 2,
 * "persistent state").
 *
 * @param term current term
 * @param vote the node voted for in {@code term}, or {@link RaftNode#NONE}
 * @param commit highest index known committed (an optimisation: safe to lose)
 */
public record HardState(long term, long vote, long commit) {

    public static final HardState EMPTY = new HardState(0, RaftNode.NONE, 0);

    public HardState {
        if (term < 0 || commit < 0) {
            throw new IllegalArgumentException("term and commit are non-negative: " + term + "/" + commit);
        }
    }

}
