package dev.distsys.gateway.auth;

import java.util.Map;

import dev.distsys.gateway.web.Problems;
import dev.distsys.gateway.web.RequestTracingWebFilter;
import dev.distsys.shared.problem.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Every {@code /api/**} request needs a valid bearer token (401 otherwise) carrying the
 * scope {@link ScopePolicy} names (403 otherwise). The Authorization header is forwarded
 * unchanged: the services check the token again.
 */
class AuthenticationWebFilter implements WebFilter, Ordered {

    private final Tokens tokens;

    AuthenticationWebFilter(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return unauthorized(exchange, "Bearer", "a bearer token is required (POST /auth/token)");
        }
        AuthenticatedClient client;
        try {
            client = this.tokens.verify(authorization.substring(7).trim());
        }
        catch (Tokens.InvalidTokenException ex) {
            return unauthorized(exchange, "Bearer error=\"invalid_token\"", "the bearer token is not valid");
        }
        exchange.getAttributes().put(AuthenticatedClient.ATTRIBUTE, client);
        exchange.getAttributes().put(RequestTracingWebFilter.CLIENT_ATTRIBUTE, client.clientId());
        String scope = ScopePolicy.requiredScope(request.getMethod(), path);
        if (!client.scopes().contains(scope)) {
            exchange.getResponse()
                .getHeaders()
                .set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
            return Problems.write(exchange, HttpStatus.FORBIDDEN, ProblemType.FORBIDDEN,
                    "this request needs the scope '" + scope + "'", Map.of("requiredScope", scope));
        }
        return chain.filter(exchange);
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, String challenge, String detail) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHORIZED, detail);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

}
