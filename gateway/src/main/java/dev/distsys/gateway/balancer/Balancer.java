package dev.distsys.gateway.balancer;

import java.util.List;

/**
 * A load-balancing algorithm: picks one of the candidates for a request. Implementations
 * are thread-safe and plain Java; the Spring glue feeds them the live instances.
 */
public interface Balancer {

    /**
     * Picks one candidate.
     * @param candidates the instances to choose from: not empty, in a stable order
     * @param key the request's affinity key, or {@code null}; only key-based algorithms
     * read it
     * @return one of {@code candidates}
     */
    Candidate choose(List<Candidate> candidates, String key);

}
