package dev.distsys.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import dev.distsys.gateway.support.Backend;
import dev.distsys.gateway.loadbalancing.InstanceStats;
import dev.distsys.gateway.support.GatewayIntegrationTests;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Retries, the circuit breaker and the one timeout budget. */
class ResilienceTests extends GatewayIntegrationTests {

    @Autowired
    private CircuitBreakerRegistry breakers;

    @Autowired
    private InstanceStats instances;

    private String token;

    @BeforeEach
    void authenticate() throws Exception {
        this.token = token("admin", "admin-secret");
    }

    @Test
    void shouldRetryAnIdempotentRequestOnAnotherInstance() {
        services.get("retry-service").forEach((backend) -> backend.status = 503);
        Backend healthy = backend("retry-service", 3);
        healthy.status = 200;
        HttpResponse<String> response = get("/api/retry/item", this.token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(servedBy(response)).isEqualTo("retry-service-3");
        // Each attempt went to an instance not tried before.
        assertThat(services.get("retry-service"))
            .allSatisfy((backend) -> assertThat(backend.requests()).isLessThanOrEqualTo(1));
    }

    @Test
    void shouldNeverRetryAPostWithoutIdempotencyKey() {
        services.get("retry-service").forEach((backend) -> backend.postStatus = 503);
        HttpResponse<String> response = send(
                request("/api/retry/orders", this.token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(services.get("retry-service").stream().mapToInt(Backend::requests).sum()).isEqualTo(1);
    }

    @Test
    void shouldRetryAPostWithAnIdempotencyKeyOnOtherInstances() {
        services.get("retry-service").forEach((backend) -> backend.postStatus = 503);
        Set<String> tried = new HashSet<>();
        HttpResponse<String> response = send(
                request("/api/retry/orders", this.token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "K-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")));
        assertThat(response.statusCode()).isEqualTo(503);
        services.get("retry-service").forEach((backend) -> {
            if (backend.requests() > 0) {
                tried.add(backend.name());
            }
        });
        assertThat(services.get("retry-service").stream().mapToInt(Backend::requests).sum()).isEqualTo(3);
        assertThat(tried).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldOpenHalfOpenAndCloseTheRoutesCircuitBreaker() {
        Backend backend = backend("breaker-service", 1);
        backend.status = 500;
        for (int i = 0; i < 4; i++) {
            assertThat(get("/api/breaker/item", this.token).statusCode()).isEqualTo(500);
        }
        CircuitBreaker breaker = this.breakers.circuitBreaker("route-breaker");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        HttpResponse<String> open = get("/api/breaker/item", this.token);
        assertThat(open.statusCode()).isEqualTo(503);
        assertThat(open.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(open.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(open.body()).contains("\"type\":\"https://distsys.dev/problems/circuit-open\"");
        assertThat(backend.requests()).isEqualTo(4);

        backend.status = 200;
        await().atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> get("/api/breaker/item", this.token).statusCode() == 200);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(get("/api/breaker/item", this.token).statusCode()).isEqualTo(200);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void shouldLetASlowAnswerFinishWithinTheRouteBudgetBeyondOneSecond() {
        // The route's budget is 3 s: no 1 s TimeLimiter default may cut a 1.5 s answer.
        HttpResponse<String> response = send(request("/api/slow/item", this.token).header("X-Delay-Ms", "1500").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(servedBy(response)).isEqualTo("slow-service-1");
    }

    @Test
    void shouldAnswerGatewayTimeoutWhenTheBudgetIsSpent() {
        long start = System.nanoTime();
        HttpResponse<String> response = send(request("/api/slow/item", this.token).header("X-Delay-Ms", "6000").GET());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("\"status\":504");
        assertThat(elapsed).isBetween(Duration.ofMillis(2900), Duration.ofMillis(4500));
    }

    @Test
    void shouldAnswerWithinTheBudgetWhenEveryAttemptTimesOut() {
        // Default policy: 5 s budget, 3 attempts of at most 1 s each plus backoffs.
        services.get("retry-service").forEach((backend) -> backend.delayMs = 3000);
        long start = System.nanoTime();
        HttpResponse<String> response = get("/api/retry/item", this.token);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(services.get("retry-service").stream().mapToInt(Backend::requests).sum()).isEqualTo(3);
        assertThat(elapsed).isBetween(Duration.ofMillis(3000), Duration.ofMillis(4500));
    }

    @Test
    void shouldNotCountClientsThatGoAwayAsUpstreamFailures() {
        // A benchmark or a browser closing connections with requests in flight says
        // nothing
        // about the upstream: it must neither open the breaker nor eject the instance.
        CircuitBreaker breaker = this.breakers.circuitBreaker("route-breaker");
        breaker.reset();
        Backend backend = backend("breaker-service", 1);
        String instance = "breaker-service/127.0.0.1:" + URI.create(backend.uri()).getPort();
        int before = backend.requests();
        for (int i = 0; i < 5; i++) {
            HttpRequest abandoned = request("/api/breaker/item", this.token).header("X-Delay-Ms", "800")
                .timeout(Duration.ofMillis(200))
                .GET()
                .build();
            assertThatThrownBy(() -> http.send(abandoned, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        }
        await().atMost(Duration.ofSeconds(5))
            .until(() -> backend.requests() == before + 5 && this.instances.inFlight(instance) == 0);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(get("/api/breaker/item", this.token).statusCode()).isEqualTo(200);
    }

}
