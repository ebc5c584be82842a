package dev.distsys.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Bearer tokens for tests, signed like the gateway's (RS256) with a key pair made for
 * this JVM. The public half is handed to every test context as
 * {@code platform.security.public-key-location}.
 */
public final class TestTokens {

    private static final KeyPair keys = generate();

    private static final KeyPair strangerKeys = generate();

    private static final Path publicKeyFile = writePublicKey();

    private TestTokens() {
    }

    /** A token for {@code subject} with these scopes, valid for ten minutes. */
    public static String issue(String subject, String... scopes) {
        return sign(keys, subject, Instant.now().plus(Duration.ofMinutes(10)), scopes);
    }

    /** A token that expired a minute ago. */
    public static String expired(String subject, String... scopes) {
        return sign(keys, subject, Instant.now().minus(Duration.ofMinutes(1)), scopes);
    }

    /** A well-formed token signed by a key the platform does not trust. */
    public static String forged(String subject, String... scopes) {
        return sign(strangerKeys, subject, Instant.now().plus(Duration.ofMinutes(10)), scopes);
    }

    /** The PEM file of the trusted public key. */
    public static Path publicKeyFile() {
        return publicKeyFile;
    }

    private static String sign(KeyPair signer, String subject, Instant expiresAt, String... scopes) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
            .issuer("http://127.0.0.1:8080")
            .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString())
            .claim("scope", String.join(" ", scopes))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Path writePublicKey() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("platform-test-jwt", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, pem);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
