package dev.distsys.shipping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Carriers and the dispatch job.
 *
 * @param carriers the carriers shipments are spread over, by consistent hashing of the
 * order id
 * @param virtualNodes points per carrier on the hash ring: more spread the orders more
 * evenly
 * @param dispatchDelay how long a created shipment waits before it is dispatched (the
 * window in which an order can still be cancelled)
 * @param dispatchInterval how often the dispatch job looks for due shipments
 * @param dispatchBatchSize shipments dispatched per transaction
 * @param dispatchBatchesPerRun batches per run at most, before the job yields until its
 * next run
 * @param dispatchEnabled whether this instance runs the dispatch job at all
 */
@Validated
@ConfigurationProperties("shipping")
public record ShippingProperties(
        @NotEmpty @Size(max = 100) List<@NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}") String> carriers,
        @DefaultValue("64") @Min(1) @Max(1000) int virtualNodes, @NotNull @DefaultValue("30s") Duration dispatchDelay,
        @NotNull @DefaultValue("1s") Duration dispatchInterval,
        @DefaultValue("100") @Min(1) @Max(1000) int dispatchBatchSize,
        @DefaultValue("10") @Min(1) @Max(1000) int dispatchBatchesPerRun,
        @DefaultValue("true") boolean dispatchEnabled) {

    public ShippingProperties {
        if (carriers != null && new HashSet<>(carriers).size() != carriers.size()) {
            throw new IllegalArgumentException("shipping.carriers must not name a carrier twice: " + carriers);
        }
        if (dispatchDelay != null && dispatchDelay.isNegative()) {
            throw new IllegalArgumentException("shipping.dispatch-delay must not be negative");
        }
        if (dispatchInterval != null && (dispatchInterval.isNegative() || dispatchInterval.isZero())) {
            throw new IllegalArgumentException("shipping.dispatch-interval must be above zero");
        }
        carriers = (carriers != null) ? Collections.unmodifiableList(new ArrayList<>(carriers)) : null;
    }

}
