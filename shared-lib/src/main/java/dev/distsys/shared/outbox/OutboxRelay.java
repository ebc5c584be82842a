package dev.distsys.shared.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.distsys.shared.leadership.LeaderElection;
import dev.distsys.shared.messaging.EnvelopeJson;
import dev.distsys.shared.messaging.EnvelopeRecords;
import dev.distsys.shared.messaging.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in id order, in batches, on one thread per instance.
 *
 * <p>
 * Ordering across instances: each batch runs in a transaction that first takes a
 * transaction-scoped PostgreSQL advisory lock, so at most one instance of a service
 * publishes at any moment and rows leave in id order, which keeps the messages of one key
 * in the order they were written. The lock is released by the commit or rollback that
 * ends the batch, so a crashed instance never holds it.
 *
 * <p>
 * Delivery is at least once: a batch whose acknowledgements do not all arrive rolls back
 * and is sent again, and consumers deduplicate by message id (the inbox). Wake-up is by
 * {@code LISTEN outbox} (a trigger notifies at commit), with polling at
 * {@code poll-interval} as the fallback and an exponential back-off, capped at
 * {@code max-backoff}, while Kafka or the database fails.
 */
final class OutboxRelay implements SmartLifecycle {

    /** How often published rows older than the retention are deleted. */
    private static final Duration CLEANUP_INTERVAL = Duration.ofSeconds(10);

    /** The relay's role in leader election: only the leader's relay polls. */
    static final String ROLE = "outbox-relay";

    /** The advisory lock key of the relay: any constant; one per database. */
    static final long LOCK_KEY = 0x6f7574626f78L;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final KafkaTemplate<String, byte[]> kafka;

    private final EnvelopeJson json;

    private final EnvelopeRecords records;

    private final OutboxProperties properties;

    private final OutboxWakeUp wakeUp;

    private final OutboxMetrics metrics;

    private final LeaderElection leaders;

    private volatile boolean running;

    private long lastCleanupNanos = System.nanoTime() - CLEANUP_INTERVAL.toNanos();

    private Thread worker;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
            EnvelopeJson json, OutboxProperties properties, OutboxWakeUp wakeUp, OutboxMetrics metrics,
            LeaderElection leaders) {
        this.leaders = leaders;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.json = json;
        this.records = EnvelopeRecords.using(json);
        this.properties = properties;
        this.wakeUp = wakeUp;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        this.running = true;
        this.worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        this.running = false;
        this.wakeUp.close();
        if (this.worker != null) {
            this.worker.interrupt();
            try {
                this.worker.join(Duration.ofSeconds(15));
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
     * Stops after the web server and the consumers, so that their last messages still
     * leave.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    private void run() {
        Duration backoff = this.properties.initialBackoff();
        while (this.running) {
            try {
                drain();
                backoff = this.properties.initialBackoff();
                this.wakeUp.await(this.properties.pollInterval());
            }
            catch (RuntimeException ex) {
                if (!this.running) {
                    return;
                }
                this.metrics.failed();
                log.warn("Outbox relay batch failed, retrying in {} ms: {}", backoff.toMillis(), ex.toString());
                this.wakeUp.pause(backoff);
                backoff = min(backoff.multipliedBy(2), this.properties.maxBackoff());
            }
        }
    }

    /** Publishes batches until the outbox is empty or another instance holds the lock. */
    void drain() {
        if (this.leaders.tryLead(ROLE).isEmpty()) {
            return;
        }
        while (this.running && publishBatch() == this.properties.batchSize()) {
            // A full batch means more rows may be waiting: keep going without waiting.
        }
        if (System.nanoTime() - this.lastCleanupNanos >= CLEANUP_INTERVAL.toNanos()) {
            // Not after every wake-up: each is a transaction, and the relay wakes at
            // every commit.
            deleteExpired();
            this.lastCleanupNanos = System.nanoTime();
        }
    }

    /** Publishes one batch; returns the number of rows published. */
    int publishBatch() {
        Integer published = this.transactions.execute((status) -> {
            Boolean locked = this.jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<PendingRow> rows = this.jdbc.query(
                    "SELECT id, topic, envelope::text, created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?",
                    (rs, n) -> new PendingRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()),
                    this.properties.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            send(rows);
            this.jdbc.batchUpdate("UPDATE outbox SET published_at = clock_timestamp() WHERE id = ?",
                    rows.stream().map((row) -> new Object[] { row.id() }).toList());
            return rows.size();
        });
        int count = (published != null) ? published : 0;
        return count;
    }

    private void send(List<PendingRow> rows) {
        List<CompletableFuture<SendResult<String, byte[]>>> acknowledgements = new ArrayList<>(rows.size());
        for (PendingRow row : rows) {
            EventEnvelope envelope = this.json.read(row.envelope());
            acknowledgements.add(this.kafka.send(this.records.toProducerRecord(row.topic(), envelope)));
        }
        this.kafka.flush();
        try {
            CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                .get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acknowledgements", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + ex.getMessage(), ex);
        }
        rows.forEach((row) -> this.metrics.published(row.createdAt()));
    }

    private void deleteExpired() {
        this.jdbc.update(
                "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at < clock_timestamp() - make_interval(secs => ?) LIMIT 1000)",
                (double) this.properties.retention().toSeconds());
    }

    private static Duration min(Duration a, Duration b) {
        return (a.compareTo(b) <= 0) ? a : b;
    }

    private record PendingRow(long id, String topic, String envelope, java.time.Instant createdAt) {
    }

}
