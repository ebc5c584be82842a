package dev.distsys.inventory.api;

import dev.distsys.shared.security.EndpointRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Reading stock needs the {@code orders} scope; changing it needs {@code admin}. */
@Configuration(proxyBeanMethods = false)
class InventoryEndpointRules {

    @Bean
    EndpointRules inventoryRules() {
        return (rules) -> rules.requestMatchers(HttpMethod.GET, "/api/inventory/**")
            .hasAuthority(EndpointRules.scope("orders"))
            .requestMatchers("/api/inventory/**")
            .hasAuthority(EndpointRules.scope("admin"));
    }

}
