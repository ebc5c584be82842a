package dev.distsys.shipping.api;

import dev.distsys.shared.security.EndpointRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Reads need the {@code orders} scope; switching carriers needs {@code admin}. */
@Configuration(proxyBeanMethods = false)
class ShippingApi {

    static final String ID = "[A-Za-z0-9._:-]{1,100}";

    static final String ID_MESSAGE = "must be 1-100 characters of [A-Za-z0-9._:-]";

    @Bean
    EndpointRules shippingRules() {
        return (rules) -> rules
            .requestMatchers(HttpMethod.GET, "/api/shipments", "/api/shipments/**", "/api/shipping/**")
            .hasAuthority(EndpointRules.scope("orders"))
            .requestMatchers("/api/shipments", "/api/shipments/**", "/api/shipping/**")
            .hasAuthority(EndpointRules.scope("admin"));
    }

}
