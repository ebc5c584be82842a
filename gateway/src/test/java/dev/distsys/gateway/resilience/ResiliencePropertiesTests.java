package dev.distsys.gateway.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResiliencePropertiesTests {

    private static final ResilienceProperties.CircuitBreaker breaker = new ResilienceProperties.CircuitBreaker(50, 20,
            10, Duration.ofSeconds(10), 3);

    @Test
    void shouldRefuseAttemptsThatDoNotFitTheRouteBudget() {
        ResilienceProperties.Route tooLong = route(Duration.ofSeconds(2), Duration.ofSeconds(1), 3);
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ResilienceProperties(route(Duration.ofSeconds(10), Duration.ofSeconds(1), 3),
                    Map.of("orders", tooLong), new ResilienceProperties.Bulkhead(10, Map.of())))
            .withMessageContaining("gateway.resilience.routes.orders")
            .withMessageContaining("exceeds the route's timeout");
    }

    @Test
    void shouldDoubleBackoffsUpToTheMaximum() {
        ResilienceProperties.Route route = route(Duration.ofSeconds(10), Duration.ofSeconds(1), 5);
        assertThat(route.backoffBefore(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(route.backoffBefore(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(route.backoffBefore(5)).isEqualTo(Duration.ofMillis(300));
    }

    private static ResilienceProperties.Route route(Duration timeout, Duration perTry, int attempts) {
        return new ResilienceProperties.Route(timeout, perTry, attempts, Duration.ofMillis(100), Duration.ofMillis(300),
                0.5, List.of(502, 503, 504), breaker);
    }

}
