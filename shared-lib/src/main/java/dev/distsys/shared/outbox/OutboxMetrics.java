package dev.distsys.shared.outbox;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an operator needs to see of the outbox: how far behind the relay is (rows pending
 * and the age of the oldest), how long messages wait before they leave, and how often
 * publishing fails.
 */
final class OutboxMetrics {

    private final Counter failures;

    private final Timer lag;

    OutboxMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.failures = Counter.builder("outbox.publish.failures")
            .description("Outbox batches that failed and will be retried")
            .register(registry);
        this.lag = Timer.builder("outbox.lag")
            .description("Time from a message's commit to the broker's acknowledgement")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
        Gauge.builder("outbox.pending", jdbc, OutboxMetrics::pending)
            .description("Messages written but not yet published")
            .register(registry);
        Gauge.builder("outbox.oldest.age", jdbc, OutboxMetrics::oldestAgeSeconds)
            .description("Age in seconds of the oldest unpublished message, 0 when none")
            .baseUnit("seconds")
            .register(registry);
    }

    void published(Instant createdAt) {
        this.lag.record(Duration.between(createdAt, Instant.now()));
    }

    void failed() {
        this.failures.increment();
    }

    private static double pending(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Long.class);
        return (count != null) ? count : 0;
    }

    private static double oldestAgeSeconds(JdbcTemplate jdbc) {
        Double age = jdbc.queryForObject(
                "SELECT coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0) FROM outbox WHERE published_at IS NULL",
                Double.class);
        return (age != null) ? age : 0;
    }

}
