package dev.distsys.gateway.balancer;

/**
 * An exponentially weighted moving average of latency whose weight depends on the time
 * between samples (time constant {@code tau}), not on their count, and which decays
 * towards zero while no sample arrives: an instance that was slow once is tried again
 * after a while instead of being starved forever. Not thread-safe: callers synchronise.
 */
public final class LatencyEwma {

    private final double tauNanos;

    private double value;

    private long lastNanos;

    private boolean sampled;

    public LatencyEwma(long tauNanos) {
        if (tauNanos <= 0) {
            throw new IllegalArgumentException("tau must be positive");
        }
        this.tauNanos = tauNanos;
    }

    /** Adds a latency sample observed at {@code nowNanos}. */
    public void record(long latencyNanos, long nowNanos) {
        if (!this.sampled) {
            this.value = latencyNanos;
            this.sampled = true;
        }
        else {
            double weight = Math.exp(-Math.max(0, nowNanos - this.lastNanos) / this.tauNanos);
            this.value = this.value * weight + latencyNanos * (1 - weight);
        }
        this.lastNanos = nowNanos;
    }

    /** The average at {@code nowNanos}; 0 before the first sample. */
    public double valueAt(long nowNanos) {
        if (!this.sampled) {
            return 0;
        }
        return this.value * Math.exp(-Math.max(0, nowNanos - this.lastNanos) / this.tauNanos);
    }

}
