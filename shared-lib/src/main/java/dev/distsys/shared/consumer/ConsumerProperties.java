package dev.distsys.shared.consumer;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How messages are consumed and how the topics a service uses are created.
 *
 * @param maxAttempts deliveries of a failing message before it goes to the dead-letter
 * topic
 * @param initialBackoff pause before the second attempt; doubled per attempt
 * @param maxBackoff longest pause between attempts
 * @param concurrency consumer threads per subscription (at most the topic's partitions do
 * work)
 * @param partitions partitions of each topic this service creates
 * @param replicationFactor replicas of each topic this service creates
 */
@Validated
@ConfigurationProperties("platform.messaging")
public record ConsumerProperties(@DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
        @NotNull @DefaultValue("100ms") Duration initialBackoff, @NotNull @DefaultValue("2s") Duration maxBackoff,
        @DefaultValue("2") @Min(1) @Max(32) int concurrency, @DefaultValue("6") @Min(1) @Max(1000) int partitions,
        @DefaultValue("1") @Min(1) @Max(7) short replicationFactor) {

    public ConsumerProperties {
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("platform.messaging.initial-backoff must be above zero");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("platform.messaging.max-backoff must be at least initial-backoff");
        }
    }

}
