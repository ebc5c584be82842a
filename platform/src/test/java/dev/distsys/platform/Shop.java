package dev.distsys.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the running platform as a customer and an operator use it: through the
 * gateway, with tokens from its token endpoint (the local profile's documented demo and
 * admin clients).
 */
final class Shop {

    static final URI GATEWAY = URI.create("http://127.0.0.1:8080");

    private static final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String customerToken;

    private final String adminToken;

    Shop() throws IOException, InterruptedException {
        this.customerToken = token("demo", "demo-secret");
        this.adminToken = token("admin", "admin-secret");
    }

    void stock(String sku, long available, long unitPriceCents) throws IOException, InterruptedException {
        expect(200, send(GATEWAY, "PUT", "/api/inventory/" + sku, this.adminToken,
                Map.of("available", available, "unitPriceCents", unitPriceCents), null));
    }

    void balance(String customerId, long balanceCents) throws IOException, InterruptedException {
        expect(200, send(GATEWAY, "PUT", "/api/accounts/" + customerId, this.adminToken,
                Map.of("balanceCents", balanceCents), null));
    }

    /**
     * Switches a carrier on or off at a shipping instance (the state is shared through
     * its database).
     */
    void carrier(URI shipping, String name, boolean available) throws IOException, InterruptedException {
        expect(200, send(shipping, "PUT", "/api/shipping/carriers/" + name, this.adminToken,
                Map.of("available", available), null));
    }

    List<String> carriers(URI shipping) throws IOException, InterruptedException {
        JsonNode carriers = expect(200, send(shipping, "GET", "/api/shipping/carriers", this.adminToken, null, null));
        JsonNode list = carriers.isArray() ? carriers : carriers.path("carriers");
        return list.valueStream().map((carrier) -> carrier.path("name").asString()).toList();
    }

    /** Places an order; returns its id. */
    String order(String customerId, Map<String, Integer> quantitiesBySku) throws IOException, InterruptedException {
        List<Map<String, Object>> items = quantitiesBySku.entrySet()
            .stream()
            .map((item) -> Map.<String, Object>of("sku", item.getKey(), "quantity", item.getValue()))
            .toList();
        JsonNode accepted = expect(202, send(GATEWAY, "POST", "/api/orders", this.customerToken,
                Map.of("customerId", customerId, "items", items), "system-" + UUID.randomUUID()));
        return accepted.path("orderId").asString();
    }

    JsonNode getOrder(String orderId) throws IOException, InterruptedException {
        return expect(200, send(GATEWAY, "GET", "/api/orders/" + orderId, this.customerToken, null, null));
    }

    String status(String orderId) throws IOException, InterruptedException {
        return getOrder(orderId).path("status").asString();
    }

    JsonNode saga(String orderId) throws IOException, InterruptedException {
        return expect(200, send(GATEWAY, "GET", "/api/orders/" + orderId + "/saga", this.customerToken, null, null));
    }

    HttpResponse<String> cancel(String orderId) throws IOException, InterruptedException {
        return send(GATEWAY, "POST", "/api/orders/" + orderId + "/cancel", this.customerToken, null, null);
    }

    JsonNode item(String sku) throws IOException, InterruptedException {
        return expect(200, send(GATEWAY, "GET", "/api/inventory/" + sku, this.customerToken, null, null));
    }

    JsonNode account(String customerId) throws IOException, InterruptedException {
        return expect(200, send(GATEWAY, "GET", "/api/accounts/" + customerId, this.customerToken, null, null));
    }

    JsonNode shipments(String orderId) throws IOException, InterruptedException {
        return expect(200, send(GATEWAY, "GET", "/api/shipments?orderId=" + orderId, this.customerToken, null, null));
    }

    private String token(String client, String secret) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(GATEWAY.resolve("/auth/token"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization",
                    "Basic " + Base64.getEncoder()
                        .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build();
        return expect(200, this.http.send(request, HttpResponse.BodyHandlers.ofString())).path("access_token")
            .asString();
    }

    private HttpResponse<String> send(URI base, String method, String path, String token, Object body,
            String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))
                    : HttpRequest.BodyPublishers.noBody());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + " instead of " + status + ": " + response.body());
        }
        return json.readTree(response.body());
    }

}
