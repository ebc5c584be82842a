package dev.distsys.shared.security;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * How a service checks the bearer tokens the gateway issues. Each service verifies every
 * token itself, so a request that skips the gateway gains nothing (zero trust between
 * services).
 *
 * @param enabled {@code false} only for experiments: every endpoint is then open
 * @param jwkSetUri the gateway's public keys, fetched on first use and cached
 * @param publicKeyLocation a PEM public key to use instead of the JWK Set (tests,
 * air-gapped deployments)
 * @param issuer when set, tokens must name this {@code iss}
 * @param jwkSetTimeout bound on fetching the JWK Set, so a slow gateway cannot hang
 * requests
 */
@Validated
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(@DefaultValue("true") boolean enabled, URI jwkSetUri,
        Resource publicKeyLocation, String issuer, @NotNull @DefaultValue("2s") Duration jwkSetTimeout) {

    public PlatformSecurityProperties {
        if (enabled && jwkSetUri == null && publicKeyLocation == null) {
            throw new IllegalArgumentException("set platform.security.jwk-set-uri (the gateway's "
                    + "/.well-known/jwks.json) or platform.security.public-key-location (a PEM file), "
                    + "or platform.security.enabled=false to run without authentication");
        }
        if (jwkSetTimeout.isNegative() || jwkSetTimeout.isZero() || jwkSetTimeout.toSeconds() > 30) {
            throw new IllegalArgumentException("platform.security.jwk-set-timeout must be above 0 and at most 30s");
        }
    }

}
