package dev.distsys.gateway.balancer;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Power of two choices on a latency EWMA: picks two distinct candidates at random and
 * sends to the one with the lower cost, {@code latency × (inFlight + 1)}. Two random
 * choices avoid the herd behaviour of always picking the global best, while still
 * steering load away from slow or busy instances (Mitzenmacher; Finagle's and Linkerd's
 * "peak EWMA").
 */
public final class PowerOfTwoChoices implements Balancer {

    private final InstanceLoad load;

    private final RandomGenerator random;

    public PowerOfTwoChoices(InstanceLoad load, RandomGenerator random) {
        this.load = Objects.requireNonNull(load, "load");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Candidate choose(List<Candidate> candidates, String key) {
        int n = candidates.size();
        if (n == 1) {
            return candidates.get(0);
        }
        int first;
        int second;
        synchronized (this.random) {
            first = this.random.nextInt(n);
            second = this.random.nextInt(n - 1);
        }
        if (second >= first) {
            second++;
        }
        Candidate a = candidates.get(first);
        Candidate b = candidates.get(second);
        return (cost(b) < cost(a)) ? b : a;
    }

    private double cost(Candidate candidate) {
        return this.load.latencyNanos(candidate.id()) * (this.load.inFlight(candidate.id()) + 1);
    }

}
