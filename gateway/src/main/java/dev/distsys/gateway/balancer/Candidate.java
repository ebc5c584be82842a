package dev.distsys.gateway.balancer;

import java.util.Objects;

/**
 * One instance a {@link Balancer} may pick.
 *
 * @param id stable identity of the instance (the same instance keeps its id across calls)
 * @param weight relative capacity, at least 1 (only weighted algorithms read it)
 */
public record Candidate(String id, int weight) {

    public Candidate {
        Objects.requireNonNull(id, "id");
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, was " + weight + " for " + id);
        }
    }

    public static Candidate of(String id) {
        return new Candidate(id, 1);
    }

}
