package dev.distsys.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway context shared by the integration tests, in front of real loopback
 * backends: a test service per algorithm and behaviour, each with its own route. Backends
 * live for the JVM; every test starts from healthy, fast backends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
public abstract class GatewayIntegrationTests {

    /** service id → its backends. */
    protected static final Map<String, List<Backend>> services = new LinkedHashMap<>();

    protected static final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

    static {
        backends("order-service", 1);
        backends("inventory-service", 1);
        backends("rr-service", 3);
        backends("wrr-service", 3);
        backends("lc-service", 2);
        backends("ch-service", 4);
        backends("p2c-service", 3);
        backends("flaky-service", 3);
        backends("breaker-service", 1);
        backends("slow-service", 1);
        backends("health-service", 2);
        backends("retry-service", 3);
    }

    @Autowired
    protected Environment environment;

    private static void backends(String service, int count) {
        List<Backend> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(Backend.start(service + "-" + i));
        }
        services.put(service, list);
    }

    protected static Backend backend(String service, int ordinal) {
        return services.get(service).get(ordinal - 1);
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws IOException {
        Path keys = Files.createTempDirectory("gateway-test-keys");
        registry.add("gateway.keys.directory", keys::toString);
        services.forEach((service, backends) -> {
            for (int i = 0; i < backends.size(); i++) {
                String prefix = "spring.cloud.discovery.client.simple.instances." + service + "[" + i + "]";
                String uri = backends.get(i).uri();
                registry.add(prefix + ".uri", () -> uri);
            }
        });
        registry.add("spring.cloud.discovery.client.simple.instances.wrr-service[0].metadata.weight", () -> "5");
        registry.add("spring.cloud.discovery.client.simple.instances.wrr-service[1].metadata.weight", () -> "3");
        registry.add("spring.cloud.discovery.client.simple.instances.wrr-service[2].metadata.weight", () -> "1");
        String[][] routes = { { "orders", "order-service", "/api/orders,/api/orders/**" },
                { "inventory", "inventory-service", "/api/inventory/**" }, { "rr", "rr-service", "/api/rr/**" },
                { "wrr", "wrr-service", "/api/wrr/**" }, { "lc", "lc-service", "/api/lc/**" },
                { "ch", "ch-service", "/api/ch/**" }, { "p2c", "p2c-service", "/api/p2c/**" },
                { "flaky", "flaky-service", "/api/flaky/**" }, { "breaker", "breaker-service", "/api/breaker/**" },
                { "slow", "slow-service", "/api/slow/**" }, { "limited", "rr-service", "/api/limited/**" },
                { "health", "health-service", "/api/health/**" }, { "retry", "retry-service", "/api/retry/**" } };
        for (int i = 0; i < routes.length; i++) {
            String prefix = "spring.cloud.gateway.server.webflux.routes[" + i + "]";
            String[] route = routes[i];
            registry.add(prefix + ".id", () -> route[0]);
            registry.add(prefix + ".uri", () -> "lb://" + route[1]);
            registry.add(prefix + ".predicates[0]", () -> "Path=" + route[2]);
        }
        // The load balancer times each health check out after one interval: 1 s leaves a
        // loaded
        // 2-core machine time to answer, so that a slow round never marks every instance
        // dead.
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "1s");
        registry.add("spring.cloud.loadbalancer.eager-load.clients", () -> String.join(",", services.keySet()));
        registry.add("gateway.max-request-body-size", () -> "1KB");
        registry.add("gateway.load-balancing.random-seed", () -> "42");
        registry.add("gateway.resilience.random-seed", () -> "7");
        registry.add("gateway.load-balancing.services.rr-service.algorithm", () -> "ROUND_ROBIN");
        registry.add("gateway.load-balancing.services.wrr-service.algorithm", () -> "WEIGHTED_ROUND_ROBIN");
        registry.add("gateway.load-balancing.services.lc-service.algorithm", () -> "LEAST_CONNECTIONS");
        registry.add("gateway.load-balancing.services.ch-service.algorithm", () -> "CONSISTENT_HASH");
        registry.add("gateway.load-balancing.services.ch-service.hash-key", () -> "header:X-Customer-Id");
        registry.add("gateway.load-balancing.services.p2c-service.algorithm", () -> "POWER_OF_TWO_CHOICES");
        registry.add("gateway.load-balancing.outlier.consecutive-failures", () -> "3");
        registry.add("gateway.load-balancing.outlier.base-ejection", () -> "1s");
        registry.add("gateway.load-balancing.outlier.max-ejection", () -> "4s");
        registry.add("gateway.resilience.defaults.timeout", () -> "5s");
        registry.add("gateway.resilience.defaults.per-try-timeout", () -> "1s");
        registry.add("gateway.resilience.defaults.backoff", () -> "20ms");
        registry.add("gateway.resilience.defaults.max-backoff", () -> "100ms");
        registry.add("gateway.resilience.routes.flaky.backoff", () -> "20ms");
        registry.add("gateway.resilience.routes.flaky.circuit-breaker.sliding-window-size", () -> "100");
        registry.add("gateway.resilience.routes.flaky.circuit-breaker.minimum-number-of-calls", () -> "100");
        // A route's entry is a whole policy: fields it leaves out take the built-in
        // defaults.
        registry.add("gateway.resilience.routes.retry.timeout", () -> "5s");
        registry.add("gateway.resilience.routes.retry.per-try-timeout", () -> "1s");
        registry.add("gateway.resilience.routes.retry.backoff", () -> "20ms");
        registry.add("gateway.resilience.routes.retry.max-backoff", () -> "100ms");
        registry.add("gateway.resilience.routes.retry.circuit-breaker.sliding-window-size", () -> "100");
        registry.add("gateway.resilience.routes.retry.circuit-breaker.minimum-number-of-calls", () -> "100");
        registry.add("gateway.resilience.routes.breaker.max-attempts", () -> "1");
        registry.add("gateway.resilience.routes.breaker.circuit-breaker.sliding-window-size", () -> "4");
        registry.add("gateway.resilience.routes.breaker.circuit-breaker.minimum-number-of-calls", () -> "4");
        registry.add("gateway.resilience.routes.breaker.circuit-breaker.wait-in-open-state", () -> "1s");
        registry.add("gateway.resilience.routes.breaker.circuit-breaker.permitted-calls-in-half-open-state", () -> "2");
        registry.add("gateway.resilience.routes.slow.timeout", () -> "3s");
        registry.add("gateway.resilience.routes.slow.per-try-timeout", () -> "3s");
        registry.add("gateway.resilience.routes.slow.max-attempts", () -> "1");
        registry.add("gateway.rate-limit.defaults.capacity", () -> "100000");
        registry.add("gateway.rate-limit.defaults.refill-per-second", () -> "100000");
        registry.add("gateway.rate-limit.routes.limited.capacity", () -> "3");
        registry.add("gateway.rate-limit.routes.limited.refill-per-second", () -> "0.1");
    }

    @BeforeEach
    void resetBackends() {
        services.values().forEach((backends) -> backends.forEach(Backend::reset));
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + path);
    }

    protected String token(String clientId, String secret) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(tokenRequest(clientId, secret).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
        }
        return matcher.group(1);
    }

    protected HttpRequest.Builder tokenRequest(String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(uri("/auth/token"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    protected HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    protected HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    /**
     * Waits until the active health checks report every instance of the service (they
     * report them one by one after start-up).
     */
    protected void awaitAllInstances(String path, String token, int instances) {
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger key = new java.util.concurrent.atomic.AtomicInteger();
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> {
                seen.add(servedBy(send(request(path, token).header("X-Customer-Id", "warm-" + key.incrementAndGet()))));
                return seen.size() == instances;
            });
    }

    protected static String servedBy(HttpResponse<?> response) {
        return response.headers().firstValue("X-Served-By").orElse("none");
    }

}
