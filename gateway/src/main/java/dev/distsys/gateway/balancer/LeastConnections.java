package dev.distsys.gateway.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** The candidate with the fewest requests in flight; ties broken at random. */
public final class LeastConnections implements Balancer {

    private final InstanceLoad load;

    private final RandomGenerator random;

    public LeastConnections(InstanceLoad load, RandomGenerator random) {
        this.load = Objects.requireNonNull(load, "load");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Candidate choose(List<Candidate> candidates, String key) {
        List<Candidate> least = new ArrayList<>(candidates.size());
        int min = Integer.MAX_VALUE;
        for (Candidate candidate : candidates) {
            int inFlight = this.load.inFlight(candidate.id());
            if (inFlight < min) {
                min = inFlight;
                least.clear();
            }
            if (inFlight == min) {
                least.add(candidate);
            }
        }
        if (least.size() == 1) {
            return least.get(0);
        }
        synchronized (this.random) {
            return least.get(this.random.nextInt(least.size()));
        }
    }

}
