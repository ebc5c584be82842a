package dev.distsys.gateway.auth;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the token-signing key comes from ({@code gateway.keys.*}): a PKCS#8 PEM RSA
 * private key in configuration, or (local profile) a key generated once and kept in
 * {@code directory}.
 *
 * @param privateKeyPem PEM text {@code -----BEGIN PRIVATE KEY-----...} of an RSA key of
 * at least 2048 bits
 * @param generate whether to generate and keep a key under {@code directory} when none is
 * configured (meant for the local profile only)
 * @param directory where a generated key is kept
 */
@ConfigurationProperties("gateway.keys")
public record KeyProperties(String privateKeyPem, @DefaultValue("false") boolean generate,
        @DefaultValue(".platform/keys") Path directory) {

}
