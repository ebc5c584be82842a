package dev.distsys.gateway.balancer;

/** What load-aware algorithms know about each instance, by {@link Candidate#id()}. */
public interface InstanceLoad {

    /** Requests sent to the instance and not yet answered. */
    int inFlight(String id);

    /**
     * Smoothed latency of the instance in nanoseconds; 0 when nothing is known yet (so
     * that a new instance gets tried).
     */
    double latencyNanos(String id);

}
