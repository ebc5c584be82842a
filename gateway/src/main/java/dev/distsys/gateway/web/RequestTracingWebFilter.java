package dev.distsys.gateway.web;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import dev.distsys.shared.messaging.Traceparent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@code X-Request-Id} and a W3C {@code traceparent} (keeping
 * valid ones the client sent), forwards both, echoes the request id, and writes one
 * access-log line per request to the logger {@code dev.distsys.gateway.access}.
 */
@Component
public class RequestTracingWebFilter implements WebFilter, Ordered {

    public static final String REQUEST_ID = "X-Request-Id";

    public static final String TRACEPARENT = "traceparent";

    /** Exchange attribute holding the authenticated client id, for the access log. */
    public static final String CLIENT_ATTRIBUTE = RequestTracingWebFilter.class.getName() + ".client";

    private static final Pattern REQUEST_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private static final Logger access = LoggerFactory.getLogger("dev.distsys.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        ServerHttpRequest request = exchange.getRequest();
        String requestId = request.getHeaders().getFirst(REQUEST_ID);
        String traceparent = request.getHeaders().getFirst(TRACEPARENT);
        boolean newId = requestId == null || !REQUEST_ID_PATTERN.matcher(requestId).matches();
        boolean newTrace = traceparent == null || !Traceparent.isValid(traceparent);
        String id = newId ? UUID.randomUUID().toString() : requestId;
        String trace = newTrace ? newTraceparent() : traceparent;
        ServerWebExchange traced = exchange;
        if (newId || newTrace) {
            traced = exchange.mutate().request((builder) -> builder.headers((headers) -> {
                headers.set(REQUEST_ID, id);
                headers.set(TRACEPARENT, trace);
            })).build();
        }
        exchange.getResponse().getHeaders().set(REQUEST_ID, id);
        ServerWebExchange logged = traced;
        return chain.filter(traced).doFinally((signal) -> log(logged, id, start, signal.toString()));
    }

    private static void log(ServerWebExchange exchange, String requestId, long start, String signal) {
        if (!access.isInfoEnabled()) {
            return;
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Response<ServiceInstance> upstream = exchange
            .getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        String instance = (upstream != null && upstream.hasServer()) ? upstream.getServer().getServiceId() + "@"
                + upstream.getServer().getHost() + ":" + upstream.getServer().getPort() : "-";
        String client = exchange.getAttributeOrDefault(CLIENT_ATTRIBUTE, "-");
        access.info("{} {} {} {}us client={} upstream={} requestId={}{}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), (status != null) ? status.value() : 0,
                (System.nanoTime() - start) / 1000, client, instance, requestId,
                "onComplete".equals(signal) ? "" : " signal=" + signal);
    }

    static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        long high = random.nextLong();
        long low = random.nextLong() | 1L;
        long span = random.nextLong() | 1L;
        return "00-" + hex.toHexDigits(high) + hex.toHexDigits(low) + "-" + hex.toHexDigits(span) + "-01";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

}
