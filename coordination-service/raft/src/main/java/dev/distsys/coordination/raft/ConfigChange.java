package dev.distsys.coordination.raft;

/**
 * One single-server membership change (dissertation §4.1, §4.2.1).
 *
 * @param type what to do
 * @param nodeId the member concerned
 */
public record ConfigChange(Type type, long nodeId) {

    public enum Type {

        /** Add a non-voting member that receives the log and catches up. */
        ADD_LEARNER,

        /** Make a caught-up learner a voter. */
        PROMOTE,

        /**
         * Remove a voter or learner (not the leader itself: transfer leadership first).
         */
        REMOVE

    }

    public static ConfigChange addLearner(long nodeId) {
        return new ConfigChange(Type.ADD_LEARNER, nodeId);
    }

    public static ConfigChange promote(long nodeId) {
        return new ConfigChange(Type.PROMOTE, nodeId);
    }

    public static ConfigChange remove(long nodeId) {
        return new ConfigChange(Type.REMOVE, nodeId);
    }

}
