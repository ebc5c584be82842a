package dev.distsys.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's RSA signing key, with its {@code kid} (the RFC 7638 thumbprint) and the
 * public JWK Set the services fetch.
 */
final class SigningKeys {

    static final String KEY_FILE = "gateway-signing-key.pem";

    private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

    private final RSAKey key;

    private SigningKeys(RSAKey key) {
        this.key = key;
    }

    static SigningKeys load(KeyProperties properties) {
        if (properties.privateKeyPem() != null && !properties.privateKeyPem().isBlank()) {
            return of(parsePem(properties.privateKeyPem(), "gateway.keys.private-key-pem"));
        }
        if (properties.generate()) {
            return of(loadOrGenerate(properties.directory()));
        }
        throw new IllegalStateException("No token-signing key: set gateway.keys.private-key-pem to a PKCS#8 PEM RSA "
                + "private key of at least 2048 bits (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048), "
                + "or run with the local profile, which generates one under gateway.keys.directory");
    }

    RSAKey signingKey() {
        return this.key;
    }

    String keyId() {
        return this.key.getKeyID();
    }

    /** The public keys only, for {@code /.well-known/jwks.json}. */
    JWKSet publicKeys() {
        return new JWKSet(this.key.toPublicJWK());
    }

    private static SigningKeys of(RSAPrivateCrtKey privateKey) {
        if (privateKey.getModulus().bitLength() < 2048) {
            throw new IllegalStateException("the token-signing RSA key must have at least 2048 bits");
        }
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .keyIDFromThumbprint()
                .build();
            return new SigningKeys(key);
        }
        catch (GeneralSecurityException | JOSEException ex) {
            throw new IllegalStateException("cannot derive the public key: " + ex.getMessage(), ex);
        }
    }

    static RSAPrivateCrtKey parsePem(String pem, String source) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException(
                    source + " is PKCS#1; convert it to PKCS#8 with " + "`openssl pkcs8 -topk8 -nocrypt -in key.pem`");
        }
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
            throw new IllegalStateException(source + " is not a PKCS#8 PEM RSA private key: " + ex.getMessage(), ex);
        }
    }

    private static RSAPrivateCrtKey loadOrGenerate(Path directory) {
        Path file = directory.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return parsePem(Files.readString(file), file.toString());
            }
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Path temporary = Files.createTempFile(directory, "key", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            catch (UnsupportedOperationException ex) {
                // not a POSIX file system: the directory's permissions apply
            }
            Files.writeString(temporary, pem);
            try {
                // Without REPLACE_EXISTING: if another gateway instance generated a key
                // at the same moment, the first one wins and both use it.
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                logger.info("Generated the local token-signing key {}", file.toAbsolutePath());
            }
            catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
                Files.deleteIfExists(temporary);
            }
            return parsePem(Files.readString(file), file.toString());
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new IllegalStateException("cannot keep the local signing key under " + directory.toAbsolutePath()
                    + " (set gateway.keys.directory): " + ex.getMessage(), ex);
        }
    }

}
