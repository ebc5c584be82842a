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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;

/**
 * Issues and verifies the platform's access tokens: RS256 JWTs with a {@code kid}, claims
 * {@code iss}, {@code sub} (client id), {@code scope} (space-separated), {@code iat},
 * {@code exp}, {@code jti}.
 */
final class Tokens {

    /** At most this many verified tokens are remembered. */
    private static final int MAX_VERIFIED = 4096;

    private final SigningKeys keys;

    private final RSASSASigner signer;

    /** Verifies signatures with the public key converted once, not per request. */
    private final JWSVerifier verifier;

    private final String keyId;

    private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;

    /**
     * Tokens whose signature this gateway already verified, with their claims: a client
     * sends the same token for its lifetime (15 min by default), and an RSA verification
     * per request was a quarter of the gateway's CPU. Only well-signed tokens enter, the
     * claims (expiry) are checked again on every use, and the map is cleared when full.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

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
        try {
            this.verifier = new RSASSAVerifier(keys.signingKey().toRSAPublicKey());
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("cannot verify with the configured key", ex);
        }
        this.keyId = keys.keyId();
        this.claimsVerifier = new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder().issuer(this.issuer).build(),
                Set.of("sub", "exp", "iat", "jti"));
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
        Verified known = this.verified.get(token);
        if (known == null) {
            known = verifySignature(token);
        }
        try {
            // Expiry (and the other claim rules) on every use, cached or not.
            this.claimsVerifier.verify(known.claims(), null);
        }
        catch (BadJWTException ex) {
            this.verified.remove(token);
            throw new InvalidTokenException(ex.getMessage());
        }
        return known.client();
    }

    private Verified verifySignature(String token) throws InvalidTokenException {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
                throw new InvalidTokenException("the token must be signed with RS256");
            }
            if (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType())) {
                throw new InvalidTokenException("the token's typ must be JWT");
            }
            if (header.getKeyID() != null && !header.getKeyID().equals(this.keyId)) {
                throw new InvalidTokenException("the token is signed with an unknown key");
            }
            if (!jwt.verify(this.verifier)) {
                throw new InvalidTokenException("the token's signature is not valid");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String scope = claims.getStringClaim("scope");
            Set<String> scopes = (scope == null || scope.isBlank()) ? Set.of()
                    : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
            Verified verified = new Verified(claims,
                    new AuthenticatedClient(claims.getSubject(), new HashSet<>(scopes)));
            if (this.verified.size() >= MAX_VERIFIED) {
                this.verified.clear();
            }
            this.verified.put(token, verified);
            return verified;
        }
        catch (ParseException | JOSEException ex) {
            throw new InvalidTokenException(ex.getMessage());
        }
    }

    private record Verified(JWTClaimsSet claims, AuthenticatedClient client) {

    }

    /** A bearer token that is malformed, badly signed, expired or from another issuer. */
    static final class InvalidTokenException extends Exception {

        InvalidTokenException(String message) {
            super(message, null, false, false);
        }

    }

}
