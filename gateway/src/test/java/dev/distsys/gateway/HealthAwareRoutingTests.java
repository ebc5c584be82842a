package dev.distsys.gateway;

import java.time.Duration;

import dev.distsys.gateway.support.Backend;
import dev.distsys.gateway.support.GatewayIntegrationTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Active health checks and passive outlier ejection. */
class HealthAwareRoutingTests extends GatewayIntegrationTests {

    private String token;

    @BeforeEach
    void authenticate() throws Exception {
        this.token = token("admin", "admin-secret");
    }

    @Test
    void shouldEjectAFailingInstanceAndTakeItBackAfterItRecovers() {
        Backend failing = backend("flaky-service", 2);
        failing.status = 503;
        // Round robin over 3 with retries elsewhere: the client never sees the failures.
        for (int i = 0; i < 30 && failing.requests() < 3; i++) {
            assertThat(get("/api/flaky/item", this.token).statusCode()).isEqualTo(200);
        }
        // Three consecutive failures eject it (for 1 s): it gets no more traffic.
        int whenEjected = failing.requests();
        assertThat(whenEjected).isEqualTo(3);
        for (int i = 0; i < 12; i++) {
            assertThat(servedBy(get("/api/flaky/item", this.token))).isNotEqualTo("flaky-service-2");
        }
        assertThat(failing.requests()).isEqualTo(whenEjected);

        failing.status = 200;
        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> servedBy(get("/api/flaky/item", this.token)).equals("flaky-service-2"));
    }

    @Test
    void shouldStopRoutingToAnInstanceWhoseReadinessCheckFails() {
        Backend notReady = backend("health-service", 1);
        notReady.ready = false;
        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> servedBy(get("/api/health/item", this.token)).equals("health-service-2")
                    && servedBy(get("/api/health/item", this.token)).equals("health-service-2"));
        int before = notReady.requests();
        for (int i = 0; i < 10; i++) {
            assertThat(servedBy(get("/api/health/item", this.token))).isEqualTo("health-service-2");
        }
        assertThat(notReady.requests()).isEqualTo(before);

        notReady.ready = true;
        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> servedBy(get("/api/health/item", this.token)).equals("health-service-1"));
    }

}
