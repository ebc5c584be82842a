package dev.distsys.shared.security;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PlatformSecurityPropertiesTests {

    private static final URI JWKS = URI.create("http://127.0.0.1:8080/.well-known/jwks.json");

    @Test
    void shouldRequireAKeySourceWhileEnabledAndSayWhichPropertiesToSet() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new PlatformSecurityProperties(true, null, null, null, Duration.ofSeconds(2)))
            .withMessageContaining("platform.security.jwk-set-uri")
            .withMessageContaining("platform.security.public-key-location");
        assertThatCode(() -> new PlatformSecurityProperties(false, null, null, null, Duration.ofSeconds(2)))
            .doesNotThrowAnyException();
    }

    @Test
    void shouldBoundTheJwkSetFetch() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new PlatformSecurityProperties(true, JWKS, null, null, Duration.ZERO))
            .withMessageContaining("jwk-set-timeout");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new PlatformSecurityProperties(true, JWKS, null, null, Duration.ofMinutes(5)))
            .withMessageContaining("at most 30s");
    }

    @Test
    void shouldRefuseAPublicKeyFileThatIsNotAnRsaKey() {
        PlatformSecurityProperties properties = new PlatformSecurityProperties(true, null,
                new ByteArrayResource(
                        "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n".getBytes()),
                null, Duration.ofSeconds(2));
        assertThatIllegalStateException().isThrownBy(() -> JwtDecoders.from(properties))
            .withMessageContaining("is not a PEM-encoded RSA public key");
    }

}
