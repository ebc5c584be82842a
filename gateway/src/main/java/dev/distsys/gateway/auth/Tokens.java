package dev.distsys.gateway.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Issues and verifies the platform's access tokens: RS256 JWTs with a {@code kid}, claims
 * {@code iss}, {@code sub} (client id), {@code scope} (space-separated), {@code iat},
 * {@code exp}, {@code jti}.
 */
final class Tokens {

    private final SigningKeys keys;

    private final RSASSASigner signer;

    private final DefaultJWTProcessor<SecurityContext> processor;

    private final String issuer;

    private final Duration ttl;

    private final Clock clock;

    Tokens(SigningKeys keys, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.issuer = properties.issuer().toString();
        this.ttl = properties.tokenTtl();
        this.clock = clock;
        try {
            this.signer = new RSASSASigner(keys.signingKey());
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("cannot sign with the configured key", ex);
        }
        this.processor = new DefaultJWTProcessor<>();
        this.processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys.publicKeys())));
        this.processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(this.issuer).build(), Set.of("sub", "exp", "iat", "jti")));
    }

    Duration ttl() {
        return this.ttl;
    }

    String issue(String clientId, List<String> scopes) {
        Instant now = this.clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
            .subject(clientId)
            .claim("scope", String.join(" ", scopes))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(this.ttl)))
            .jwtID(UUID.randomUUID().toString())
            .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.keys.keyId()).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(this.signer);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("cannot sign a token", ex);
        }
        return jwt.serialize();
    }

    /** The client a token names, or an exception saying why the token is not valid. */
    AuthenticatedClient verify(String token) throws InvalidTokenException {
        try {
            JWTClaimsSet claims = this.processor.process(token, null);
            String scope = claims.getStringClaim("scope");
            Set<String> scopes = (scope == null) ? Set.of()
                    : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
            return new AuthenticatedClient(claims.getSubject(), new HashSet<>(scopes));
        }
        catch (ParseException | BadJOSEException | JOSEException ex) {
            throw new InvalidTokenException(ex.getMessage());
        }
    }

    /** A bearer token that is malformed, badly signed, expired or from another issuer. */
    static final class InvalidTokenException extends Exception {

        InvalidTokenException(String message) {
            super(message, null, false, false);
        }

    }

}
