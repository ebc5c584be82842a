package dev.distsys.gateway.balancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Passive outlier ejection: an instance whose last {@code consecutiveFailures} requests
 * all failed (connect error, timeout or 5xx) is ejected for
 * {@code baseEjection × 2^(ejections-1)}, at most {@code maxEjection}. When the time is
 * up it gets traffic again; a success resets its failure count, and a success after a
 * quiet period as long as its last ejection forgives its earlier ejections.
 * {@link #available} never ejects every candidate: if all are ejected, all stay
 * available.
 */
public final class OutlierDetector {

    private final int consecutiveFailures;

    private final long baseEjectionNanos;

    private final long maxEjectionNanos;

    private final LongSupplier nanoTime;

    private final Map<String, State> states = new HashMap<>();

    public OutlierDetector(int consecutiveFailures, Duration baseEjection, Duration maxEjection,
            LongSupplier nanoTime) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1");
        }
        if (baseEjection.isNegative() || baseEjection.isZero() || maxEjection.compareTo(baseEjection) < 0) {
            throw new IllegalArgumentException("need 0 < baseEjection <= maxEjection");
        }
        this.consecutiveFailures = consecutiveFailures;
        this.baseEjectionNanos = baseEjection.toNanos();
        this.maxEjectionNanos = maxEjection.toNanos();
        this.nanoTime = nanoTime;
    }

    public synchronized void recordSuccess(String id) {
        State state = this.states.get(id);
        if (state == null) {
            return;
        }
        long now = this.nanoTime.getAsLong();
        state.failures = 0;
        if (state.ejections > 0 && now - state.ejectedUntil > state.lastEjectionNanos) {
            state.ejections = 0;
        }
    }

    public synchronized void recordFailure(String id) {
        State state = this.states.computeIfAbsent(id, (key) -> new State());
        long now = this.nanoTime.getAsLong();
        if (now < state.ejectedUntil) {
            return;
        }
        state.failures++;
        if (state.failures >= this.consecutiveFailures) {
            state.ejections = Math.min(state.ejections + 1, 30);
            long ejection = Math.min(this.maxEjectionNanos,
                    this.baseEjectionNanos << Math.min(state.ejections - 1, 20));
            state.lastEjectionNanos = ejection;
            state.ejectedUntil = now + ejection;
            state.failures = 0;
        }
    }

    public synchronized boolean isEjected(String id) {
        State state = this.states.get(id);
        return state != null && this.nanoTime.getAsLong() < state.ejectedUntil;
    }

    /** The candidates not ejected, or all of them when every one is ejected. */
    public List<Candidate> available(List<Candidate> candidates) {
        List<Candidate> available = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            if (!isEjected(candidate.id())) {
                available.add(candidate);
            }
        }
        return available.isEmpty() ? candidates : available;
    }

    private static final class State {

        int failures;

        int ejections;

        long ejectedUntil = Long.MIN_VALUE;

        long lastEjectionNanos;

    }

}
