package dev.distsys.gateway.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resilience per route and per downstream ({@code gateway.resilience.*}).
 *
 * @param defaults the policy of a route not listed in {@code routes}
 * @param routes per route id: a whole policy (unset fields take their defaults)
 * @param bulkhead concurrent calls per downstream service
 */
@ConfigurationProperties("gateway.resilience")
public record ResilienceProperties(@DefaultValue Route defaults, Map<String, Route> routes,
        @DefaultValue Bulkhead bulkhead) {

    public ResilienceProperties {
        routes = (routes != null) ? Map.copyOf(routes) : Map.of();
        defaults.checkBudget("gateway.resilience.defaults");
        routes.forEach((id, route) -> route.checkBudget("gateway.resilience.routes." + id));
    }

    Route forRoute(String routeId) {
        return this.routes.getOrDefault(routeId, this.defaults);
    }

    /**
     * One route's policy. The timeout is the whole budget of a request, all attempts and
     * backoffs included; start-up fails when {@code maxAttempts × perTryTimeout} plus the
     * longest backoffs exceeds it.
     *
     * @param timeout the budget: the client gets an answer (504 at worst) within it
     * @param perTryTimeout the limit of one attempt (until the response headers)
     * @param maxAttempts attempts in all, 1 = no retry
     * @param backoff first backoff, doubled per retry
     * @param maxBackoff longest backoff
     * @param jitter fraction of each backoff taken off at random (0..1)
     * @param retryStatuses upstream statuses worth retrying (idempotent requests only)
     * @param circuitBreaker the route's circuit breaker
     */
    public record Route(@DefaultValue("10s") Duration timeout, @DefaultValue("3s") Duration perTryTimeout,
            @DefaultValue("3") int maxAttempts, @DefaultValue("50ms") Duration backoff,
            @DefaultValue("500ms") Duration maxBackoff, @DefaultValue("0.5") double jitter, @DefaultValue( {
                    "502", "503", "504" }) List<Integer> retryStatuses,
            @DefaultValue CircuitBreaker circuitBreaker){

        public Route {
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("max-attempts must be 1..10, was " + maxAttempts);
            }
            if (jitter < 0 || jitter > 1) {
                throw new IllegalArgumentException("jitter must be 0..1, was " + jitter);
            }
            retryStatuses = List.copyOf(retryStatuses);
        }

        /** The longest backoff before attempt {@code attempt} (2 = the first retry). */
        Duration backoffBefore(int attempt) {
            long nanos = this.backoff.toNanos() << Math.min(attempt - 2, 30);
            return Duration.ofNanos(Math.min(nanos, this.maxBackoff.toNanos()));
        }

        void checkBudget(String name) {
            Duration needed = this.perTryTimeout.multipliedBy(this.maxAttempts);
            for (int attempt = 2; attempt <= this.maxAttempts; attempt++) {
                needed = needed.plus(backoffBefore(attempt));
            }
            if (needed.compareTo(this.timeout) > 0) {
                throw new IllegalArgumentException(name + ": max-attempts × per-try-timeout + backoffs = " + needed
                        + " exceeds the route's timeout " + this.timeout
                        + "; raise timeout or lower per-try-timeout or max-attempts");
            }
        }

    }

    /**
     * @param failureRateThreshold percent of failed calls (connect errors, timeouts, 5xx)
     * that opens the breaker
     * @param slidingWindowSize calls in the count-based window
     * @param minimumNumberOfCalls calls before the rate is judged
     * @param waitInOpenState how long the breaker stays open (also the Retry-After)
     * @param permittedCallsInHalfOpenState trial calls when half-open
     */
    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize, @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("10s") Duration waitInOpenState, @DefaultValue("3") int permittedCallsInHalfOpenState) {

    }

    /**
     * @param maxConcurrentCalls default limit per downstream service
     * @param services per service id
     */
    public record Bulkhead(@DefaultValue("256") int maxConcurrentCalls, Map<String, Integer> services) {

        public Bulkhead {
            services = (services != null) ? Map.copyOf(services) : Map.of();
        }

        int limitOf(String serviceId) {
            return this.services.getOrDefault(serviceId, this.maxConcurrentCalls);
        }

    }

}
