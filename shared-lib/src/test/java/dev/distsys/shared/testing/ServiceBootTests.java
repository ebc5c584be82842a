package dev.distsys.shared.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service of the platform must do once booted, checked over real HTTP. A
 * service's test extends this (or {@link DataServiceBootTests}) and adds
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 */
public abstract class ServiceBootTests {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    protected Environment environment;

    /** The service name this test expects in {@code X-Served-By}. */
    protected abstract String serviceName();

    @Test
    void shouldReportLivenessAndReadinessUp() throws Exception {
        assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldExposePrometheusMetricsToAMetricsScrapeToken() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", TestTokens.issue("prometheus", "metrics"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void shouldPublishItsOpenApiDocument() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"openapi\"");
    }

    @Test
    void shouldNameTheInstanceThatServedEveryResponse() throws Exception {
        assertThat(get("/actuator/health").headers().firstValue("X-Served-By"))
            .hasValueSatisfying((servedBy) -> assertThat(servedBy).startsWith(serviceName() + "/"));
        assertThat(get("/no-such-path").headers().firstValue("X-Served-By")).isPresent();
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(baseUri().resolve(path)).GET());
    }

    protected HttpResponse<String> get(String path, String bearerToken) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(baseUri().resolve(path)).header("Authorization", "Bearer " + bearerToken).GET());
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected URI baseUri() {
        return URI.create("http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port"));
    }

}
