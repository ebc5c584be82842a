package dev.distsys.coordination.raft.sim;

/** A violated property; the cluster adds the seed and the replay command. */
final class SimulationFailure extends RuntimeException {

    SimulationFailure(String message) {
        super(message);
    }

    SimulationFailure(String message, Throwable cause) {
        super(message, cause);
    }

}
