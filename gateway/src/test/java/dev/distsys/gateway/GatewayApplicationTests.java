package dev.distsys.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import dev.distsys.shared.testing.ServiceBootTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway boots and forwards an {@code /api/**} route to a real HTTP backend on
 * loopback.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class GatewayApplicationTests extends ServiceBootTests {

    private static final HttpServer orderBackend = startBackend();

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void routeOrdersToTheBackend(DynamicPropertyRegistry registry) throws IOException {
        Path keys = Files.createTempDirectory("gateway-keys");
        registry.add("gateway.keys.directory", keys::toString);
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri",
                () -> "http://127.0.0.1:" + orderBackend.getAddress().getPort());
    }

    @AfterAll
    static void stopBackend() {
        orderBackend.stop(0);
    }

    @Override
    protected String serviceName() {
        return "gateway";
    }

    @Test
    void shouldForwardAnOrdersRequestAndPassTheBackendsServedByThrough() throws Exception {
        HttpRequest tokenRequest = HttpRequest.newBuilder(baseUri().resolve("/auth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers
                .ofString("grant_type=client_credentials&client_id=demo&client_secret=demo-secret"))
            .build();
        String tokenBody = http.send(tokenRequest, HttpResponse.BodyHandlers.ofString()).body();
        String token = tokenBody.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/api/orders/O-42"))
            .header("Authorization", "Bearer " + token)
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("order backend saw /api/orders/O-42");
        assertThat(response.headers().firstValue("X-Served-By")).hasValue("order-service/backend-1");
    }

    private static HttpServer startBackend() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", (exchange) -> {
                byte[] body = ("order backend saw " + exchange.getRequestURI().getPath())
                    .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("X-Served-By", "order-service/backend-1");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
