package dev.distsys.gateway.loadbalancing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.distsys.gateway.balancer.InstanceLoad;
import dev.distsys.gateway.balancer.LatencyEwma;
import dev.distsys.gateway.balancer.OutlierDetector;

import org.springframework.cloud.client.ServiceInstance;

/**
 * What the gateway observes of each upstream instance: requests in flight, a latency EWMA
 * and the outlier detector. Instance ids are {@code service/host:port}.
 */
public final class InstanceStats implements InstanceLoad {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private final long decayNanos;

    private final OutlierDetector outliers;

    InstanceStats(LoadBalancingProperties properties) {
        this.decayNanos = properties.latencyDecay().toNanos();
        LoadBalancingProperties.Outlier outlier = properties.outlier();
        this.outliers = new OutlierDetector(outlier.consecutiveFailures(), outlier.baseEjection(),
                outlier.maxEjection(), System::nanoTime);
    }

    static String id(String serviceId, ServiceInstance instance) {
        return serviceId + "/" + instance.getHost() + ":" + instance.getPort();
    }

    OutlierDetector outliers() {
        return this.outliers;
    }

    void started(String id) {
        entry(id).inFlight.incrementAndGet();
    }

    /** A request ended: {@code failed} for a connect error, timeout or 5xx. */
    void finished(String id, long latencyNanos, boolean failed) {
        Entry entry = entry(id);
        entry.inFlight.decrementAndGet();
        synchronized (entry.latency) {
            entry.latency.record(latencyNanos, System.nanoTime());
        }
        if (failed) {
            this.outliers.recordFailure(id);
        }
        else {
            this.outliers.recordSuccess(id);
        }
    }

    /** A request ended without an answer to judge the instance by (its client left). */
    void abandoned(String id) {
        entry(id).inFlight.decrementAndGet();
    }

    @Override
    public int inFlight(String id) {
        Entry entry = this.entries.get(id);
        return (entry != null) ? entry.inFlight.get() : 0;
    }

    @Override
    public double latencyNanos(String id) {
        Entry entry = this.entries.get(id);
        if (entry == null) {
            return 0;
        }
        synchronized (entry.latency) {
            return entry.latency.valueAt(System.nanoTime());
        }
    }

    private Entry entry(String id) {
        return this.entries.computeIfAbsent(id, (key) -> new Entry(new LatencyEwma(this.decayNanos)));
    }

    private record Entry(AtomicInteger inFlight, LatencyEwma latency) {

        Entry(LatencyEwma latency) {
            this(new AtomicInteger(), latency);
        }

    }

}
