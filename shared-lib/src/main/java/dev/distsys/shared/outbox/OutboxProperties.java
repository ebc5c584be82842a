package dev.distsys.shared.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay's limits.
 *
 * @param enabled whether this instance relays at all
 * @param batchSize rows published per transaction
 * @param pollInterval how often to look for rows when no notification arrives
 * (notifications can be lost while the listening connection reconnects)
 * @param initialBackoff first pause after a failed batch (Kafka or the database down)
 * @param maxBackoff longest pause between failed batches
 * @param sendTimeout how long a batch waits for the broker's acknowledgements
 * @param retention how long published rows are kept for inspection before deletion
 */
@Validated
@ConfigurationProperties("platform.outbox")
public record OutboxProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("200") @Min(1) @Max(5000) int batchSize, @NotNull @DefaultValue("1s") Duration pollInterval,
        @NotNull @DefaultValue("100ms") Duration initialBackoff, @NotNull @DefaultValue("5s") Duration maxBackoff,
        @NotNull @DefaultValue("10s") Duration sendTimeout, @NotNull @DefaultValue("1h") Duration retention) {

    public OutboxProperties {
        requirePositive(pollInterval, "poll-interval");
        requirePositive(initialBackoff, "initial-backoff");
        requirePositive(sendTimeout, "send-timeout");
        requirePositive(retention, "retention");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("platform.outbox.max-backoff must be at least initial-backoff");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("platform.outbox." + name + " must be above zero");
        }
    }

}
