package dev.distsys.gateway.balancer;

/** The load-balancing algorithms a service can be configured with. */
public enum Algorithm {

    /** Each instance in turn. */
    ROUND_ROBIN,

    /**
     * nginx's smooth weighted round robin; weights from instance metadata {@code weight}.
     */
    WEIGHTED_ROUND_ROBIN,

    /** Fewest requests in flight, ties at random. */
    LEAST_CONNECTIONS,

    /**
     * A ring with virtual nodes over a request key (header, path segment or client id).
     */
    CONSISTENT_HASH,

    /** Two random instances, the one with the lower latency EWMA × load. */
    POWER_OF_TWO_CHOICES

}
