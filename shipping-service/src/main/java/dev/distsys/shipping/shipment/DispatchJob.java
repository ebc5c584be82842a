package dev.distsys.shipping.shipment;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.distsys.shipping.ShippingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link Dispatcher} every {@code shipping.dispatch-interval}: batch after batch
 * while batches come back full, at most {@code dispatch-batches-per-run} of them. A
 * failed run (the database down) is logged and the next run tries again. Every instance
 * may run it; the dispatcher's row locks keep them apart.
 */
@Component
class DispatchJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchJob.class);

    private final Dispatcher dispatcher;

    private final ShippingProperties properties;

    private ScheduledExecutorService executor;

    DispatchJob(Dispatcher dispatcher, ShippingProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
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
