package dev.distsys.gateway.auth;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the token issuer, the clients and the authentication filter. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    SigningKeys signingKeys(KeyProperties properties) {
        return SigningKeys.load(properties);
    }

    @Bean
    Tokens tokens(SigningKeys keys, AuthProperties properties) {
        return new Tokens(keys, properties, Clock.systemUTC());
    }

    @Bean
    ClientRegistry clientRegistry(AuthProperties properties) {
        return new ClientRegistry(properties);
    }

    @Bean
    AuthenticationWebFilter authenticationWebFilter(Tokens tokens) {
        return new AuthenticationWebFilter(tokens);
    }

}
