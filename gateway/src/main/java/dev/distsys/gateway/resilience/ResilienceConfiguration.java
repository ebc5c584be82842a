package dev.distsys.gateway.resilience;

import java.util.Random;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registries of the gateway's breakers and bulkheads, with their metrics. */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    CircuitBreakerRegistry gatewayCircuitBreakers(ObjectProvider<MeterRegistry> meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        meters.ifAvailable((meterRegistry) -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry)
            .bindTo(meterRegistry));
        return registry;
    }

    @Bean
    BulkheadRegistry gatewayBulkheads(ObjectProvider<MeterRegistry> meters) {
        BulkheadRegistry registry = BulkheadRegistry.ofDefaults();
        meters.ifAvailable((meterRegistry) -> TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meterRegistry));
        return registry;
    }

    @Bean
    ResilienceFilter resilienceFilter(ResilienceProperties properties, CircuitBreakerRegistry breakers,
            BulkheadRegistry bulkheads, @Value("${gateway.resilience.random-seed:#{null}}") Long seed) {
        return new ResilienceFilter(properties, breakers, bulkheads, (seed != null) ? new Random(seed) : new Random());
    }

}
