package dev.distsys.order.api;

import dev.distsys.shared.security.EndpointRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Placing and reading orders needs the {@code orders} scope (CONTRACT.md). */
@Configuration(proxyBeanMethods = false)
class OrderEndpointRules {

    @Bean
    EndpointRules orderRules() {
        return (rules) -> rules.requestMatchers("/api/orders", "/api/orders/**")
            .hasAuthority(EndpointRules.scope("orders"));
    }

}
