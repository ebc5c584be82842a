package dev.distsys.shared.testing;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServiceBootTests} for a servlet service that checks bearer tokens itself (zero
 * trust): a request that reaches it without the gateway, or with a bad token, is refused
 * with a problem.
 */
public abstract class SecuredServiceBootTests extends ServiceBootTests {

    /**
     * A path of the service's API that any valid token may at least reach (it may answer
     * 404).
     */
    protected String protectedPath() {
        return "/api/no-such-resource";
    }

    @Test
    void shouldRefuseARequestWithoutATokenWithAProblem() throws Exception {
        HttpResponse<String> response = get(protectedPath());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401").contains("/problems/unauthorized");
    }

    @Test
    void shouldRefuseForgedAndExpiredTokens() throws Exception {
        assertThat(get(protectedPath(), TestTokens.forged("mallory", "orders", "admin")).statusCode()).isEqualTo(401);
        assertThat(get(protectedPath(), TestTokens.expired("demo", "orders", "admin")).statusCode()).isEqualTo(401);
        assertThat(get(protectedPath(), "not-a-jwt").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldLetAValidTokenThrough() throws Exception {
        assertThat(get(protectedPath(), TestTokens.issue("admin", "orders", "admin", "coordination")).statusCode())
            .isNotIn(401, 403);
    }

    @Test
    void shouldKeepOperationalEndpointsFromOrdinaryClients() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", TestTokens.issue("demo", "orders"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("/problems/forbidden");
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
    }

}
