package dev.distsys.gateway.auth;

import java.util.Set;

import org.springframework.web.server.ServerWebExchange;

/**
 * The client a valid bearer token names, kept as an exchange attribute for the filters
 * after authentication (rate limits, consistent hashing).
 *
 * @param clientId the token's subject
 * @param scopes the token's scopes
 */
public record AuthenticatedClient(String clientId, Set<String> scopes) {

    public static final String ATTRIBUTE = AuthenticatedClient.class.getName();

    public AuthenticatedClient {
        scopes = Set.copyOf(scopes);
    }

    /** The client of the exchange, or {@code null} on a public path. */
    public static AuthenticatedClient of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

}
