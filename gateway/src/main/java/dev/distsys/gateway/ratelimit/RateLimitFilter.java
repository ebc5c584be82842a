package dev.distsys.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.distsys.gateway.auth.AuthenticatedClient;
import dev.distsys.gateway.web.Problems;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * A token bucket per (client id, route): answers 429 with {@code Retry-After} when empty,
 * and reports {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds until full) on every routed answer. The number of
 * buckets is bounded by configured clients × routes.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    private final RateLimitProperties properties;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(RateLimitProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        AuthenticatedClient client = AuthenticatedClient.of(exchange);
        if (!this.properties.enabled() || route == null || client == null) {
            return chain.filter(exchange);
        }
        RateLimitProperties.Limit limit = this.properties.forRoute(route.getId());
        long now = System.nanoTime();
        TokenBucket bucket = this.buckets.computeIfAbsent(client.clientId() + " " + route.getId(),
                (key) -> new TokenBucket(limit.capacity(), limit.refillPerSecond(), now));
        TokenBucket.Decision decision = bucket.tryTake(now);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("RateLimit-Limit", Long.toString(decision.limit()));
        headers.set("RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.set("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED,
                "client " + client.clientId() + " exceeded " + limit.capacity() + " requests (refilled at "
                        + limit.refillPerSecond() + "/s) on route " + route.getId(),
                Map.of("retryAfterSeconds", decision.retryAfterSeconds()));
    }

    @Override
    public int getOrder() {
        return 0;
    }

}
