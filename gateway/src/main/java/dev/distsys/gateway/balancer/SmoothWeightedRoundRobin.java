package dev.distsys.gateway.balancer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * nginx's smooth weighted round robin: every pick adds each candidate's weight to its
 * current weight, picks the largest and subtracts the total from it. Over any window of
 * {@code sum(weights)} picks each candidate is chosen exactly {@code weight} times, and
 * the picks of a heavy candidate are spread out rather than bunched.
 */
public final class SmoothWeightedRoundRobin implements Balancer {

    private final Map<String, Long> current = new HashMap<>();

    @Override
    public synchronized Candidate choose(List<Candidate> candidates, String key) {
        if (this.current.size() > candidates.size() * 2 + 16) {
            this.current.keySet().retainAll(candidates.stream().map(Candidate::id).toList());
        }
        long total = 0;
        Candidate best = null;
        long bestWeight = Long.MIN_VALUE;
        for (Candidate candidate : candidates) {
            long weight = this.current.merge(candidate.id(), (long) candidate.weight(), Long::sum);
            total += candidate.weight();
            if (weight > bestWeight) {
                best = candidate;
                bestWeight = weight;
            }
        }
        this.current.put(best.id(), bestWeight - total);
        return best;
    }

}
