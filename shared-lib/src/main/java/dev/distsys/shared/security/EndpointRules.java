package dev.distsys.shared.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own authorization rules, e.g. which scope a {@code PUT /api/inventory/**}
 * needs. Declared as beans; applied after the platform's public paths and before
 * "everything else needs a valid token".
 */
@FunctionalInterface
public interface EndpointRules {

    /** The authority a scope grants: {@code SCOPE_orders} for {@code orders}. */
    static String scope(String scope) {
        return "SCOPE_" + scope;
    }

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

}
