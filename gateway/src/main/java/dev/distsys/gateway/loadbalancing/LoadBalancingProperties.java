package dev.distsys.gateway.loadbalancing;

import java.time.Duration;
import java.util.Map;

import dev.distsys.gateway.balancer.Algorithm;
import dev.distsys.gateway.balancer.HashKey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Load balancing per service ({@code gateway.load-balancing.*}).
 *
 * @param defaults the algorithm of a service not listed in {@code services}
 * @param services per service id (as in {@code lb://service-id}): its algorithm
 * @param outlier passive outlier ejection
 * @param healthChecks whether instances are also checked actively on
 * {@code spring.cloud.loadbalancer.health-check.path}
 * @param randomSeed a seed for the algorithms' random choices (tests); unseeded when
 * absent
 * @param latencyDecay the time constant of the latency EWMA
 */
@ConfigurationProperties("gateway.load-balancing")
public record LoadBalancingProperties(@DefaultValue Service defaults, Map<String, Service> services,
        @DefaultValue Outlier outlier, @DefaultValue("true") boolean healthChecks, Long randomSeed,
        @DefaultValue("10s") Duration latencyDecay) {

    public LoadBalancingProperties {
        services = (services != null) ? Map.copyOf(services) : Map.of();
    }

    Service forService(String serviceId) {
        return this.services.getOrDefault(serviceId, this.defaults);
    }

    /**
     * @param algorithm the algorithm
     * @param hashKey for {@code CONSISTENT_HASH}: {@code header:<name>},
     * {@code path-segment:<index>} or {@code client-id}
     * @param virtualNodes ring points per instance (and per unit of weight)
     */
    public record Service(@DefaultValue("ROUND_ROBIN") Algorithm algorithm, String hashKey,
            @DefaultValue("160") int virtualNodes) {

        public Service {
            if (algorithm == Algorithm.CONSISTENT_HASH) {
                HashKey.parse(hashKey);
            }
            if (virtualNodes < 1 || virtualNodes > 10_000) {
                throw new IllegalArgumentException("virtual-nodes must be 1..10000, was " + virtualNodes);
            }
        }

    }

    /**
     * @param consecutiveFailures failures in a row (connect error, timeout, 5xx) that
     * eject an instance
     * @param baseEjection the first ejection's length; it doubles with each ejection
     * @param maxEjection the longest ejection
     */
    public record Outlier(@DefaultValue("5") int consecutiveFailures, @DefaultValue("5s") Duration baseEjection,
            @DefaultValue("2m") Duration maxEjection) {

    }

}
