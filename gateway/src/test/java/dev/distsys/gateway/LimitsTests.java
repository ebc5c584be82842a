package dev.distsys.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.distsys.gateway.support.GatewayIntegrationTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-client rate limit and the request body limit. */
class LimitsTests extends GatewayIntegrationTests {

    @Test
    void shouldAnswer429WithRateLimitHeadersPastTheLimit() throws Exception {
        String token = token("admin", "admin-secret");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> allowed = get("/api/limited/item", token);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("3");
            assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(2 - i));
        }
        HttpResponse<String> refused = get("/api/limited/item", token);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"type\":\"https://distsys.dev/problems/rate-limited\"");
        // One token per 10 s: the next one comes in at most 10 s.
        assertThat(refused.headers().firstValue("Retry-After").map(Integer::parseInt))
            .hasValueSatisfying((seconds) -> assertThat(seconds).isBetween(1, 10));
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(refused.headers().firstValue("RateLimit-Reset")).isPresent();
    }

    @Test
    void shouldAnswer413PastTheBodySizeLimit() throws Exception {
        String token = token("demo", "demo-secret");
        HttpResponse<String> response = send(request("/api/orders", token).header("Content-Type", "application/json")
            .header("Idempotency-Key", "K-413")
            .POST(HttpRequest.BodyPublishers.ofString("{\"pad\":\"" + "x".repeat(2048) + "\"}")));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"type\":\"https://distsys.dev/problems/payload-too-large\"");
        HttpResponse<String> small = send(request("/api/orders", token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"C-1\"}")));
        assertThat(small.statusCode()).isEqualTo(200);
    }

}
