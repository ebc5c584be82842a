package dev.distsys.shared.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Builds the token decoder the properties describe: a static public key, or the gateway's
 * JWK Set.
 */
final class JwtDecoders {

    private JwtDecoders() {
    }

    static JwtDecoder from(PlatformSecurityProperties properties) {
        NimbusJwtDecoder decoder = (properties.publicKeyLocation() != null)
                ? NimbusJwtDecoder.withPublicKey(readPublicKey(properties)).build()
                : NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                    .restOperations(boundedRestTemplate(properties))
                    .build();
        decoder.setJwtValidator(
                (properties.issuer() != null) ? new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                        new JwtIssuerValidator(properties.issuer())) : JwtValidators.createDefault());
        return decoder;
    }

    private static RestTemplate boundedRestTemplate(PlatformSecurityProperties properties) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.jwkSetTimeout());
        requests.setReadTimeout(properties.jwkSetTimeout());
        return new RestTemplate(requests);
    }

    private static RSAPublicKey readPublicKey(PlatformSecurityProperties properties) {
        try (InputStream in = properties.publicKeyLocation().getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(
                    "platform.security.public-key-location " + properties.publicKeyLocation() + " is unreadable", ex);
        }
        catch (java.security.GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
            throw new IllegalStateException("platform.security.public-key-location " + properties.publicKeyLocation()
                    + " is not a PEM-encoded RSA public key", ex);
        }
    }

}
