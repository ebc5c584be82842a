package dev.distsys.gateway.auth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The token issuer and its clients ({@code gateway.auth.*}). Secrets are stored only as
 * hashes in Spring Security's {@code {id}hash} form ({@code {bcrypt}$2a$10$...},
 * {@code {pbkdf2@SpringSecurity_v5_8}...}); plaintext ({@code {noop}}) is refused.
 *
 * @param issuer the {@code iss} of every token, which the services check
 * @param tokenTtl how long a token lives
 * @param clients client id → secret hash and scopes
 */
@Validated
@ConfigurationProperties("gateway.auth")
public record AuthProperties(@NotNull @DefaultValue("http://127.0.0.1:8080") URI issuer,
        @NotNull @DefaultValue("15m") Duration tokenTtl,
        @NotEmpty(message = "no client is configured: set gateway.auth.clients.<client-id>.secret-hash "
                + "(e.g. {bcrypt}$2a$10$..., from `htpasswd -bnBC 10 \"\" SECRET`) and "
                + "gateway.auth.clients.<client-id>.scopes, or run with the local profile for the demo clients") Map<String, @Valid Client> clients) {

    public AuthProperties {
        if (tokenTtl != null && (tokenTtl.toSeconds() < 10 || tokenTtl.toHours() > 24)) {
            throw new IllegalArgumentException("gateway.auth.token-ttl must be 10s..24h, was " + tokenTtl);
        }
        clients = (clients != null) ? Map.copyOf(clients) : Map.of();
        clients.keySet().forEach((id) -> {
            if (!id.matches("[A-Za-z0-9._:-]{1,100}")) {
                throw new IllegalArgumentException("client id '" + id + "' must be 1-100 of [A-Za-z0-9._:-]");
            }
        });
    }

    /**
     * One client of {@code POST /auth/token}.
     *
     * @param secretHash the hashed secret, {@code {bcrypt}...} or {@code {pbkdf2...}...}
     * @param scopes the scopes its tokens may carry
     */
    public record Client(@NotNull(message = "set gateway.auth.clients.<id>.secret-hash") String secretHash,
            @NotEmpty(message = "set gateway.auth.clients.<id>.scopes") List<String> scopes) {

        public Client {
            if (secretHash != null && !(secretHash.startsWith("{bcrypt}") || secretHash.startsWith("{pbkdf2")
                    || secretHash.startsWith("{argon2") || secretHash.startsWith("{scrypt}"))) {
                throw new IllegalArgumentException("a client secret-hash must be a hash such as {bcrypt}$2a$10$... "
                        + "(e.g. from `htpasswd -bnBC 10 \"\" SECRET`), never plaintext");
            }
            scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
            scopes.forEach((scope) -> {
                if (!scope.matches("[a-z][a-z0-9:._-]{0,63}")) {
                    throw new IllegalArgumentException("scope '" + scope + "' must match [a-z][a-z0-9:._-]{0,63}");
                }
            });
        }

    }

}
