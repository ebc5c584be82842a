package dev.distsys.payment.api;

import dev.distsys.shared.security.EndpointRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Reading accounts needs the {@code orders} scope; changing them needs {@code admin}. */
@Configuration(proxyBeanMethods = false)
class PaymentEndpointRules {

    @Bean
    EndpointRules paymentRules() {
        return (rules) -> rules.requestMatchers(HttpMethod.GET, "/api/accounts/**")
            .hasAuthority(EndpointRules.scope("orders"))
            .requestMatchers("/api/accounts/**")
            .hasAuthority(EndpointRules.scope("admin"));
    }

}
