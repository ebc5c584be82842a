package dev.distsys.order.saga;

import java.time.Clock;
import java.time.Duration;

import dev.distsys.shared.leadership.LeaderElection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds sagas whose awaited reply is overdue and lets the engine time them out, each in
 * its own transaction. Safe with several instances: each overdue saga is handled under
 * its order's row lock, and the engine re-checks the deadline after taking it, so a saga
 * is timed out at most once.
 */
class DeadlineSweeper implements SmartLifecycle {

    static final String ROLE = "saga-deadlines";

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);

    private final SagaRepository sagas;

    private final SagaEngine engine;

    private final TransactionTemplate transactions;

    private final SagaProperties properties;

    private final Clock clock;

    private final LeaderElection leaders;

    private final Object monitor = new Object();

    private volatile boolean running;

    private Thread worker;

    DeadlineSweeper(SagaRepository sagas, SagaEngine engine, TransactionTemplate transactions,
            SagaProperties properties, Clock clock, LeaderElection leaders) {
        this.leaders = leaders;
        this.sagas = sagas;
        this.engine = engine;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        this.running = true;
        this.worker = Thread.ofPlatform().name("saga-deadlines").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        synchronized (this.monitor) {
            this.running = false;
            this.monitor.notifyAll();
        }
        if (this.worker != null) {
            try {
                this.worker.join(Duration.ofSeconds(10));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /**
     * Handles the sagas overdue now, if this instance leads the sweeping; returns how
     * many.
     */
    int sweep() {
        if (this.leaders.tryLead(ROLE).isEmpty()) {
            return 0;
        }
        var due = this.sagas.due(this.clock.instant(), this.properties.sweepBatch());
        for (SagaRepository.DueSaga saga : due) {
            try {
                this.transactions
                    .executeWithoutResult((status) -> this.engine.onDeadline(saga.sagaId(), saga.orderId()));
            }
            catch (RuntimeException ex) {
                log.warn("Timing out saga {} failed, will retry: {}", saga.sagaId(), ex.toString());
            }
        }
        return due.size();
    }

    private void run() {
        while (this.running) {
            try {
                if (sweep() == this.properties.sweepBatch()) {
                    continue;
                }
            }
            catch (RuntimeException ex) {
                log.warn("Saga deadline sweep failed: {}", ex.toString());
            }
            synchronized (this.monitor) {
                if (!this.running) {
                    return;
                }
                try {
                    this.monitor.wait(this.properties.sweepInterval().toMillis());
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

}
