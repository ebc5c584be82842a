package dev.distsys.shipping.shipment;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.distsys.shared.leadership.LeaderElection;
import dev.distsys.shipping.ShippingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link Dispatcher} every {@code shipping.dispatch-interval}: batch after batch
 * while batches come back full, at most {@code dispatch-batches-per-run} of them. A
 * failed run (the database down) is logged and the next run tries again. Only the
 * instance leading the {@code shipment-dispatch} role runs it on schedule; should two
 * overlap around a change of leader, the dispatcher's row locks still keep them apart.
 */
@Component
class DispatchJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchJob.class);

    private final Dispatcher dispatcher;

    private final ShippingProperties properties;

    static final String ROLE = "shipment-dispatch";

    private final LeaderElection leaders;

    private ScheduledExecutorService executor;

    DispatchJob(Dispatcher dispatcher, ShippingProperties properties, LeaderElection leaders) {
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.leaders = leaders;
    }

    /** Dispatches what is due now; returns how many shipments left. */
    int runOnce() {
        int dispatched = 0;
        for (int batch = 0; batch < this.properties.dispatchBatchesPerRun(); batch++) {
            int count = this.dispatcher.dispatchBatch(this.properties.dispatchBatchSize());
            dispatched += count;
            if (count < this.properties.dispatchBatchSize()) {
                break;
            }
        }
        return dispatched;
    }

    private void run() {
        try {
            if (this.leaders.tryLead(ROLE).isEmpty()) {
                return;
            }
            int dispatched = runOnce();
            if (dispatched > 0) {
                log.debug("Dispatched {} shipments", dispatched);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Dispatching shipments failed; retrying in {}", this.properties.dispatchInterval(), ex);
        }
    }

    @Override
    public synchronized void start() {
        if (!this.properties.dispatchEnabled() || this.executor != null) {
            return;
        }
        this.executor = Executors
            .newSingleThreadScheduledExecutor(Thread.ofPlatform().name("shipment-dispatch").daemon(true).factory());
        long intervalMs = this.properties.dispatchInterval().toMillis();
        this.executor.scheduleWithFixedDelay(this::run, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (this.executor == null) {
            return;
        }
        this.executor.shutdown();
        try {
            if (!this.executor.awaitTermination(10, TimeUnit.SECONDS)) {
                this.executor.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            this.executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        this.executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return this.executor != null;
    }

}
