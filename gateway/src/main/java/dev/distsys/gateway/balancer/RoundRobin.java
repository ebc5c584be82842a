package dev.distsys.gateway.balancer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each candidate in turn: with n stable candidates, every window of n picks holds each
 * once.
 */
public final class RoundRobin implements Balancer {

    private final AtomicLong next = new AtomicLong();

    @Override
    public Candidate choose(List<Candidate> candidates, String key) {
        return candidates.get((int) Math.floorMod(this.next.getAndIncrement(), (long) candidates.size()));
    }

}
