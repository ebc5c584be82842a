package dev.distsys.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.distsys.gateway.support.Backend;
import dev.distsys.gateway.support.GatewayIntegrationTests;
import dev.distsys.shared.messaging.Traceparent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The token endpoint, the JWK Set, and bearer tokens with scopes on {@code /api/**}. */
class AuthenticationTests extends GatewayIntegrationTests {

    @Test
    void shouldIssueASignedTokenThatTheJwkSetVerifies() throws Exception {
        String token = token("demo", "demo-secret");
        HttpResponse<String> jwks = get("/.well-known/jwks.json", null);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).doesNotContain("\"d\"");
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.parse(jwks.body()))));
        JWTClaimsSet claims = processor.process(token, null);
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:8080");
        assertThat(claims.getSubject()).isEqualTo("demo");
        assertThat(claims.getStringClaim("scope")).isEqualTo("orders");
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(SignedJWT.parse(token).getHeader().getKeyID())
            .isEqualTo(JWKSet.parse(jwks.body()).getKeys().get(0).getKeyID());
    }

    @Test
    void shouldIssueATokenForHttpBasicCredentials() {
        String basic = Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/auth/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"token_type\":\"Bearer\"")
            .contains("\"expires_in\":900")
            .contains("\"access_token\":\"");
    }

    @Test
    void shouldRefuseWrongCredentialsWithAProblem() {
        HttpResponse<String> response = send(tokenRequest("demo", "not-the-secret"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":401").doesNotContain("access_token");
        assertThat(send(tokenRequest("nobody", "demo-secret")).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswer401WithoutOrWithABadToken() {
        HttpResponse<String> none = get("/api/orders/O-1", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(none.body()).contains("\"type\":\"https://distsys.dev/problems/unauthorized\"");
        assertThat(get("/api/orders/O-1", "not.a.token").statusCode()).isEqualTo(401);
        assertThat(backend("order-service", 1).requests()).isZero();
    }

    @Test
    void shouldAnswer403WhenTheTokenLacksTheRoutesScope() throws Exception {
        String demo = token("demo", "demo-secret");
        assertThat(get("/api/inventory/SKU-1", demo).statusCode()).isEqualTo(200);
        HttpResponse<String> write = send(
                request("/api/inventory/SKU-1", demo).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":1,\"unitPriceCents\":1}")));
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.body()).contains("\"requiredScope\":\"admin\"");
        String admin = token("admin", "admin-secret");
        assertThat(send(request("/api/inventory/SKU-1", admin).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":1,\"unitPriceCents\":1}"))).statusCode())
            .isEqualTo(200);
    }

    @Test
    void shouldForwardTheTokenARequestIdAndATraceparent() throws Exception {
        String token = token("demo", "demo-secret");
        Backend orders = backend("order-service", 1);
        HttpResponse<String> response = get("/api/orders/O-1", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(orders.lastHeaders.getFirst("Authorization")).isEqualTo("Bearer " + token);
        String requestId = orders.lastHeaders.getFirst("X-Request-Id");
        assertThat(requestId).isNotBlank();
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(requestId);
        assertThat(Traceparent.isValid(orders.lastHeaders.getFirst("traceparent"))).isTrue();

        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        send(request("/api/orders/O-1", token).header("X-Request-Id", "R-1").header("traceparent", traceparent).GET());
        assertThat(orders.lastHeaders.getFirst("X-Request-Id")).isEqualTo("R-1");
        assertThat(orders.lastHeaders.getFirst("traceparent")).isEqualTo(traceparent);
        assertThat(Set.of(orders.name())).contains(servedBy(response));
    }

}
