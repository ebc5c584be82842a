package dev.distsys.order.saga;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The orchestrator's deadlines and limits.
 *
 * @param stepTimeout how long a step waits for its reply before it counts as failed
 * @param stepTimeouts per-step overrides of {@code stepTimeout}, by step name (e.g.
 * {@code CreateShipment: 20s})
 * @param compensationTimeout how long a compensation waits for its reply before it is
 * re-sent
 * @param maxAttempts sends of a compensation (or a must-complete step) before the saga is
 * parked for an operator
 * @param sweepInterval how often missed deadlines are looked for
 * @param sweepBatch deadlines handled per sweep
 */
@Validated
@ConfigurationProperties("orders.saga")
public record SagaProperties(@NotNull @DefaultValue("10s") Duration stepTimeout,
        @NotNull @DefaultValue Map<String, Duration> stepTimeouts,
        @NotNull @DefaultValue("10s") Duration compensationTimeout,
        @DefaultValue("5") @Min(1) @Max(100) int maxAttempts, @NotNull @DefaultValue("250ms") Duration sweepInterval,
        @DefaultValue("100") @Min(1) @Max(10000) int sweepBatch) {

    private static final Duration LONGEST = Duration.ofHours(24);

    public SagaProperties {
        requireBetween(stepTimeout, "orders.saga.step-timeout", LONGEST);
        stepTimeouts = Map.copyOf(stepTimeouts);
        stepTimeouts.forEach((step, timeout) -> requireBetween(timeout, "orders.saga.step-timeouts." + step, LONGEST));
        requireBetween(compensationTimeout, "orders.saga.compensation-timeout", LONGEST);
        requireBetween(sweepInterval, "orders.saga.sweep-interval", Duration.ofMinutes(1));
    }

    Duration timeoutOf(String step) {
        return this.stepTimeouts.getOrDefault(step, this.stepTimeout);
    }

    private static void requireBetween(Duration value, String name, Duration max) {
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be above zero and at most " + max + ", was " + value);
        }
    }

}
