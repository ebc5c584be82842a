package dev.distsys.gateway.ratelimit;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets per client id and route ({@code gateway.rate-limit.*}), in this gateway
 * instance's memory.
 *
 * @param enabled whether requests are limited at all
 * @param defaults the limit of a route not listed in {@code routes}
 * @param routes per route id
 */
@ConfigurationProperties("gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue Limit defaults,
        Map<String, Limit> routes) {

    public RateLimitProperties {
        routes = (routes != null) ? Map.copyOf(routes) : Map.of();
    }

    Limit forRoute(String routeId) {
        return this.routes.getOrDefault(routeId, this.defaults);
    }

    /**
     * @param capacity the burst a client may send at once
     * @param refillPerSecond the sustained rate
     */
    public record Limit(@DefaultValue("200") long capacity, @DefaultValue("100") double refillPerSecond) {

        public Limit {
            if (capacity < 1 || capacity > 1_000_000 || refillPerSecond <= 0) {
                throw new IllegalArgumentException("a rate limit needs capacity 1..1000000 and refill-per-second > 0");
            }
        }

    }

}
