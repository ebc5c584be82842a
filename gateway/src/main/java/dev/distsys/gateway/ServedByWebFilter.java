package dev.distsys.gateway;

import dev.distsys.shared.identity.ServiceIdentityProperties;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Names the gateway in {@code X-Served-By} on the answers it produces itself, and leaves
 * the header of a proxied answer alone, so that a client sees which service instance
 * served it (CONTRACT.md §0).
 */
@Component
class ServedByWebFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Served-By";

    private final String servedBy;

    ServedByWebFilter(ServiceIdentityProperties identity) {
        this.servedBy = identity.servedBy();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            if (!headers.containsHeader(HEADER)) {
                headers.set(HEADER, this.servedBy);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
