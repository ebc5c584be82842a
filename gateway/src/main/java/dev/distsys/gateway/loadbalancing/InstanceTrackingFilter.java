package dev.distsys.gateway.loadbalancing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.distsys.gateway.web.AttemptDeadline;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * Runs right after the load balancer picked an instance: counts the request in flight on
 * it, measures the time to the response headers, reports a connect error, timeout
 * (cancellation) or 5xx to the outlier detector, and remembers the instance as tried so
 * that a retry goes elsewhere when it can.
 */
class InstanceTrackingFilter implements GlobalFilter, Ordered {

    /** Exchange attribute: the ids of the instances this request already tried. */
    static final String TRIED_ATTRIBUTE = InstanceTrackingFilter.class.getName() + ".tried";

    private final InstanceStats stats;

    InstanceTrackingFilter(InstanceStats stats) {
        this.stats = stats;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Response<ServiceInstance> chosen = exchange
            .getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (chosen == null || !chosen.hasServer() || route == null) {
            return chain.filter(exchange);
        }
        String id = InstanceStats.id(route.getUri().getHost(), chosen.getServer());
        @SuppressWarnings("unchecked")
        Set<String> tried = (Set<String>) exchange.getAttributes()
            .computeIfAbsent(TRIED_ATTRIBUTE, (key) -> ConcurrentHashMap.newKeySet());
        tried.add(id);
        long start = System.nanoTime();
        this.stats.started(id);
        // Recorded when the attempt ends, before the filters above see it: a retry resets
        // the response status right after.
        AtomicBoolean done = new AtomicBoolean();
        Consumer<Boolean> finish = (failed) -> {
            if (done.compareAndSet(false, true)) {
                this.stats.finished(id, System.nanoTime() - start, failed);
            }
        };
        return chain.filter(exchange).doOnSuccess((ignored) -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            finish.accept(status == null || status.is5xxServerError());
        }).doOnError((ex) -> finish.accept(true)).doOnCancel(() -> {
            // Cancelled by the attempt's timeout: a failure. Cancelled because the client
            // went away: no verdict, only the request is no longer in flight.
            if (AttemptDeadline.passed(exchange, System.nanoTime())) {
                finish.accept(true);
            }
            else if (done.compareAndSet(false, true)) {
                this.stats.abandoned(id);
            }
        });
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }

}
