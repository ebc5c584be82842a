package dev.distsys.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import dev.distsys.shared.testing.ServiceBootTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway boots and forwards an {@code /api/**} route to a real HTTP backend on
 * loopback.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayApplicationTests extends ServiceBootTests {

    private static final HttpServer orderBackend = startBackend();

    @DynamicPropertySource
    static void routeOrdersToTheBackend(DynamicPropertyRegistry registry) {
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
        HttpResponse<String> response = get("/api/orders/O-42");
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
