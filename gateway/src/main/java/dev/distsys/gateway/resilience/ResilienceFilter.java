package dev.distsys.gateway.resilience;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

import dev.distsys.gateway.web.AttemptDeadline;
import dev.distsys.gateway.web.Problems;
import dev.distsys.shared.problem.ProblemType;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * One timeout budget, retries, a circuit breaker per route and a bulkhead per downstream
 * service, around the load balancer and the HTTP call.
 * <ul>
 * <li>The route's {@code timeout} bounds the whole request; each attempt gets
 * {@code perTryTimeout} or what is left of the budget, whichever is less. Nothing else
 * (no Spring Cloud CircuitBreaker TimeLimiter with its 1 s default) cuts it shorter.</li>
 * <li>Only idempotent requests are retried: GET, HEAD, or any method with an
 * {@code Idempotency-Key}; after a connect error, a timeout or a retryable status, with
 * exponential backoff and jitter, on another instance when there is one.</li>
 * <li>An open breaker answers 503 with {@code Retry-After}; a full bulkhead answers 503;
 * an exhausted budget 504; an unreachable upstream 502. All as problem details.</li>
 * </ul>
 * Runs after {@code NettyWriteResponseFilter} wrapped the chain, so an upstream response
 * is not yet written when an attempt ends and can be dropped for a retry.
 */
class ResilienceFilter implements GlobalFilter, Ordered {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ResilienceProperties properties;

    private final CircuitBreakerRegistry breakers;

    private final BulkheadRegistry bulkheads;

    private final RandomGenerator random;

    private final Map<String, CircuitBreaker> breakerByRoute = new ConcurrentHashMap<>();

    ResilienceFilter(ResilienceProperties properties, CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads,
            RandomGenerator random) {
        this.properties = properties;
        this.breakers = breakers;
        this.bulkheads = bulkheads;
        this.random = random;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        ResilienceProperties.Route policy = this.properties.forRoute(route.getId());
        String service = route.getUri().getHost();
        Call call = new Call(exchange, chain, policy, breaker(route.getId(), policy), bulkhead(service),
                System.nanoTime() + policy.timeout().toNanos(), snapshot(exchange.getResponse().getHeaders()));
        return attempt(call, 1).timeout(policy.timeout(), Mono.defer(() -> {
            reset(call);
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, ProblemType.TIMEOUT, "no answer from " + service
                    + " within the route's budget of " + policy.timeout().toMillis() + " ms");
        }));
    }

    private Mono<Void> attempt(Call call, int attempt) {
        if (!call.breaker.tryAcquirePermission()) {
            long retryAfter = Math.max(1, call.policy.circuitBreaker().waitInOpenState().toSeconds());
            call.exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            return Problems.write(call.exchange, HttpStatus.SERVICE_UNAVAILABLE, Problems.CIRCUIT_OPEN,
                    "the circuit breaker of route " + call.breaker.getName() + " is open");
        }
        if (!call.bulkhead.tryAcquirePermission()) {
            call.breaker.releasePermission();
            call.exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return Problems.write(call.exchange, HttpStatus.SERVICE_UNAVAILABLE, ProblemType.UNAVAILABLE,
                    "too many concurrent requests to " + call.bulkhead.getName());
        }
        long start = System.nanoTime();
        long left = call.deadlineNanos - start;
        Duration tryTimeout = Duration.ofNanos(Math.max(1, Math.min(call.policy.perTryTimeout().toNanos(), left)));
        AttemptDeadline.set(call.exchange, start + tryTimeout.toNanos());
        // With a fallback, Reactor does not walk the operator chain per request to name
        // the
        // timeout in an error message nobody reads.
        return Mono.defer(() -> call.chain.filter(call.exchange))
            .timeout(tryTimeout, Mono.error(AttemptTimeoutException::new))
            .then(Mono.fromCallable(() -> Outcome.of(call.exchange.getResponse().getStatusCode(), call.policy)))
            .onErrorResume((ex) -> Mono.just(Outcome.of(ex)))
            .doOnCancel(() -> {
                call.bulkhead.onComplete();
                long now = System.nanoTime();
                if (now - call.deadlineNanos >= 0) {
                    // The route's budget ran out: the upstream was too slow.
                    call.breaker.onError(now - start, TimeUnit.NANOSECONDS, new TimeoutException());
                }
                else {
                    // The client went away (e.g. closed its connection): says nothing
                    // about the upstream, so neither a failure nor a success.
                    call.breaker.releasePermission();
                }
            })
            .flatMap((outcome) -> {
                call.bulkhead.onComplete();
                long elapsed = System.nanoTime() - start;
                if (outcome.failure() == null) {
                    call.breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                    return Mono.empty();
                }
                call.breaker.onError(elapsed, TimeUnit.NANOSECONDS, outcome.failure());
                return retryOrAnswer(call, attempt, outcome);
            });
    }

    private Mono<Void> retryOrAnswer(Call call, int attempt, Outcome outcome) {
        if (outcome.retryable() && attempt < call.policy.maxAttempts() && idempotent(call.exchange)) {
            Duration backoff = jittered(call.policy.backoffBefore(attempt + 1), call.policy.jitter());
            if (System.nanoTime() + backoff.toNanos() < call.deadlineNanos) {
                reset(call);
                return Mono.delay(backoff).then(Mono.defer(() -> attempt(call, attempt + 1)));
            }
        }
        if (outcome.status() != null) {
            // The upstream's own 5xx answer goes to the client as it is.
            return Mono.empty();
        }
        reset(call);
        Throwable failure = outcome.failure();
        if (failure instanceof TimeoutException) {
            return Problems.write(call.exchange, HttpStatus.GATEWAY_TIMEOUT, ProblemType.TIMEOUT,
                    "no answer from the service within " + call.policy.perTryTimeout().toMillis() + " ms");
        }
        if (failure instanceof NotFoundException) {
            call.exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return Problems.write(call.exchange, HttpStatus.SERVICE_UNAVAILABLE, ProblemType.UNAVAILABLE,
                    "no live instance of the service");
        }
        return Problems.write(call.exchange, HttpStatus.BAD_GATEWAY, Problems.BAD_GATEWAY,
                "the service could not be reached");
    }

    private Duration jittered(Duration backoff, double jitter) {
        double factor;
        synchronized (this.random) {
            factor = 1 - jitter * this.random.nextDouble();
        }
        return Duration.ofNanos((long) (backoff.toNanos() * factor));
    }

    static boolean idempotent(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                || exchange.getRequest().getHeaders().containsHeader(IDEMPOTENCY_KEY);
    }

    /** Drops what an attempt left behind: its connection, routing state and headers. */
    private static void reset(Call call) {
        ServerWebExchangeUtils.reset(call.exchange);
        call.exchange.getResponse().setStatusCode(null);
        HttpHeaders headers = call.exchange.getResponse().getHeaders();
        headers.clear();
        headers.addAll(call.headers);
    }

    private static HttpHeaders snapshot(HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(headers);
        return copy;
    }

    private CircuitBreaker breaker(String routeId, ResilienceProperties.Route policy) {
        return this.breakerByRoute.computeIfAbsent(routeId, (id) -> {
            ResilienceProperties.CircuitBreaker settings = policy.circuitBreaker();
            CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
            return this.breakers.circuitBreaker("route-" + id, config);
        });
    }

    private Bulkhead bulkhead(String service) {
        return this.bulkheads.bulkhead(service,
                () -> BulkheadConfig.custom()
                    .maxConcurrentCalls(this.properties.bulkhead().limitOf(service))
                    .maxWaitDuration(Duration.ZERO)
                    .build());
    }

    @Override
    public int getOrder() {
        // After NettyWriteResponseFilter (-1) and the rate limiter, before routing
        // (10000).
        return 100;
    }

    private record Call(ServerWebExchange exchange, GatewayFilterChain chain, ResilienceProperties.Route policy,
            CircuitBreaker breaker, Bulkhead bulkhead, long deadlineNanos, HttpHeaders headers) {

    }

    /**
     * How one attempt ended.
     *
     * @param status the upstream status when it answered with a failure status
     * @param failure what counts against the breaker, {@code null} on success
     * @param retryable whether another attempt may help
     */
    private record Outcome(HttpStatusCode status, Throwable failure, boolean retryable) {

        static Outcome of(HttpStatusCode status, ResilienceProperties.Route policy) {
            if (status == null || !status.is5xxServerError()) {
                return new Outcome(null, null, false);
            }
            return new Outcome(status, new UpstreamStatusException(status.value()),
                    policy.retryStatuses().contains(status.value()));
        }

        static Outcome of(Throwable failure) {
            boolean retryable = failure instanceof TimeoutException || failure instanceof ConnectException
                    || failure.getCause() instanceof ConnectException;
            return new Outcome(null, failure, retryable && !(failure instanceof NotFoundException));
        }

    }

    /** An attempt got no answer within its time. */
    static final class AttemptTimeoutException extends TimeoutException {

        AttemptTimeoutException() {
            super("no answer within the attempt's timeout");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

    }

    /** An upstream answered with a 5xx: a failure for the circuit breaker. */
    static final class UpstreamStatusException extends RuntimeException {

        UpstreamStatusException(int status) {
            super("upstream answered " + status, null, false, false);
        }

    }

}
