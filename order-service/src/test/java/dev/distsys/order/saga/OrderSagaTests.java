package dev.distsys.order.saga;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.distsys.shared.messaging.EnvelopeJson;
import dev.distsys.shared.messaging.EventEnvelope;
import dev.distsys.shared.testing.KafkaProbe;
import dev.distsys.shared.testing.TestTokens;
import dev.distsys.shared.testing.UsesRealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orchestrator against real PostgreSQL and Kafka, with scripted participants on the
 * other end of the topics: every outcome, deadlines, late and duplicate replies,
 * compensations that never answer, cancellation and idempotent placement.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "orders.saga.step-timeout=3s", "orders.saga.compensation-timeout=1s",
                "orders.saga.max-attempts=3", "orders.saga.sweep-interval=100ms" })
@UsesRealInfrastructure(database = "orders_saga")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSagaTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final HttpClient http = HttpClient.newHttpClient();

    private final String token = TestTokens.issue("demo", "orders");

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    private ScriptedParticipants participants;

    @BeforeAll
    void startParticipants() {
        this.participants = new ScriptedParticipants(
                this.environment.getRequiredProperty("spring.kafka.bootstrap-servers"), (orderId) -> this.jdbc
                    .queryForObject("SELECT customer_id FROM orders WHERE order_id = ?", String.class, orderId));
        await().atMost(Duration.ofSeconds(60)).until(this.participants::ready);
    }

    @AfterAll
    void stopParticipants() {
        this.participants.close();
    }

    @Test
    void shouldApproveAnOrderWhenEveryStepSucceeds() throws Exception {
        String orderId = place("C-happy", List.of(item("SKU-1", 2), item("SKU-2", 1)));
        JsonNode order = awaitFinal(orderId);
        assertThat(order.path("status").asString()).isEqualTo("APPROVED");
        assertThat(order.path("totalCents").asLong()).isEqualTo(3 * 250);
        assertThat(order.path("items").get(0).path("unitPriceCents").asLong()).isEqualTo(250);
        assertThat(order.path("failureReason").isNull()).isTrue();
        assertThat(this.participants.commandsOf(orderId)).containsExactly("ReserveStock", "AuthorizePayment",
                "CreateShipment", "CapturePayment", "CommitStock");
        JsonNode saga = getJson("/api/orders/" + orderId + "/saga");
        assertThat(saga.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(saga.path("steps")).extracting((step) -> step.path("status").asString()).containsOnly("SUCCEEDED");
        List<Long> lamports = saga.path("events").valueStream().map((event) -> event.path("lamport").asLong()).toList();
        assertThat(lamports).hasSize(11).isSorted();
        assertThat(saga.path("events").get(0).path("type").asString()).isEqualTo("ReserveStock");
        assertThat(saga.path("events").get(10).path("type").asString()).isEqualTo("OrderApproved");
    }

    @Test
    void shouldRejectOutOfStockWithoutCompensating() throws Exception {
        String orderId = placeScripted("C-oos",
                (command) -> command.type().equals("ReserveStock")
                        ? new ScriptedParticipants.Reply("StockReservationFailed",
                                Map.of("orderId", command.aggregateId(), "reason", "OUT_OF_STOCK", "sku", "SKU-1"))
                        : ScriptedParticipants.success(command));
        JsonNode order = awaitFinal(orderId);
        assertThat(order.path("status").asString()).isEqualTo("REJECTED");
        assertThat(order.path("failureReason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(order.path("totalCents").isNull()).isTrue();
        assertThat(this.participants.commandsOf(orderId)).containsExactly("ReserveStock");
    }

    @Test
    void shouldRejectAnUnknownSku() throws Exception {
        String orderId = placeScripted("C-unknown",
                (command) -> new ScriptedParticipants.Reply("StockReservationFailed",
                        Map.of("orderId", command.aggregateId(), "reason", "UNKNOWN_SKU")));
        assertThat(awaitFinal(orderId).path("failureReason").asString()).isEqualTo("UNKNOWN_SKU");
    }

    @Test
    void shouldReleaseTheStockWhenThePaymentIsDeclined() throws Exception {
        String orderId = placeScripted("C-poor",
                (command) -> command.type().equals("AuthorizePayment")
                        ? new ScriptedParticipants.Reply("PaymentDeclined",
                                Map.of("orderId", command.aggregateId(), "reason", "INSUFFICIENT_FUNDS"))
                        : ScriptedParticipants.success(command));
        JsonNode order = awaitFinal(orderId);
        assertThat(order.path("failureReason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(order.path("totalCents").asLong()).isEqualTo(250);
        assertThat(this.participants.commandsOf(orderId)).containsExactly("ReserveStock", "AuthorizePayment",
                "ReleaseStock");
    }

    @Test
    void shouldVoidAndReleaseWhenNoCarrierCanShip() throws Exception {
        String orderId = placeScripted("C-remote",
                (command) -> command.type().equals("CreateShipment")
                        ? new ScriptedParticipants.Reply("ShipmentRejected",
                                Map.of("orderId", command.aggregateId(), "reason", "NO_CARRIER_AVAILABLE"))
                        : ScriptedParticipants.success(command));
        assertThat(awaitFinal(orderId).path("failureReason").asString()).isEqualTo("SHIPPING_UNAVAILABLE");
        assertThat(this.participants.commandsOf(orderId)).containsExactly("ReserveStock", "AuthorizePayment",
                "CreateShipment", "VoidPayment", "ReleaseStock");
    }

    @Test
    void shouldTimeOutASilentStepCompensateItAndIgnoreItsLateReply() throws Exception {
        String orderId = placeScripted("C-slow",
                (command) -> command.type().equals("AuthorizePayment") ? null : ScriptedParticipants.success(command));
        JsonNode order = awaitFinal(orderId);
        assertThat(order.path("failureReason").asString()).isEqualTo("TIMEOUT");
        // The timed-out step may have worked: it is compensated too, before the earlier
        // ones.
        assertThat(this.participants.commandsOf(orderId)).containsExactly("ReserveStock", "AuthorizePayment",
                "VoidPayment", "ReleaseStock");

        int eventsBefore = getJson("/api/orders/" + orderId + "/saga").path("events").size();
        EventEnvelope authorize = this.participants.lastCommand(orderId, "AuthorizePayment");
        this.participants.reply(authorize, "PaymentAuthorized", Map.of("orderId", orderId, "amountCents", 250));
        await().atMost(Duration.ofSeconds(30))
            .until(() -> getJson("/api/orders/" + orderId + "/saga").path("events").size() == eventsBefore + 1);
        assertThat(getJson("/api/orders/" + orderId).path("status").asString()).isEqualTo("REJECTED");
        assertThat(this.participants.commandsOf(orderId)).hasSize(4);
    }

    @Test
    void shouldDeadLetterAMalformedReplyAndLetTheDeadlineCompensate() throws Exception {
        String orderId = placeScripted("C-poison",
                (command) -> command.type().equals("ReserveStock")
                        ? new ScriptedParticipants.Reply("StockReserved", Map.of("orderId", command.aggregateId()))
                        : ScriptedParticipants.success(command));
        JsonNode order = awaitFinal(orderId);
        assertThat(order.path("failureReason").asString()).isEqualTo("TIMEOUT");
        assertThat(this.participants.commandsOf(orderId)).containsExactly("ReserveStock", "ReleaseStock");
        try (KafkaProbe deadLetters = new KafkaProbe(
                this.environment.getRequiredProperty("spring.kafka.bootstrap-servers"), Topics.SAGA_REPLIES + ".dlq",
                EnvelopeJson.create())) {
            assertThat(deadLetters.awaitRecords(orderId, 1)).singleElement()
                .satisfies((record) -> assertThat(
                        new String(record.headers().lastHeader("kafka_dlt-exception-message").value()))
                    .contains("StockReserved without items"));
        }
    }

    @Test
    void shouldParkASagaWhoseCompensationNeverAnswers() throws Exception {
        String orderId = placeScripted("C-stuck", (command) -> switch (command.type()) {
            case "AuthorizePayment" -> new ScriptedParticipants.Reply("PaymentDeclined",
                    Map.of("orderId", command.aggregateId(), "reason", "INSUFFICIENT_FUNDS"));
            case "ReleaseStock" -> null;
            default -> ScriptedParticipants.success(command);
        });
        await().atMost(Duration.ofSeconds(60))
            .until(() -> getJson("/api/orders/" + orderId + "/saga").path("state").asString(),
                    "NEEDS_ATTENTION"::equals);
        JsonNode saga = getJson("/api/orders/" + orderId + "/saga");
        JsonNode release = saga.path("steps")
            .valueStream()
            .filter((step) -> step.path("name").asString().equals("ReleaseStock"))
            .findFirst()
            .orElseThrow();
        assertThat(release.path("attempts").asInt()).isEqualTo(3);
        assertThat(release.path("status").asString()).isEqualTo("NEEDS_ATTENTION");
        assertThat(this.participants.commandsOf(orderId)).filteredOn("ReleaseStock"::equals).hasSize(3);
        assertThat(getJson("/api/orders/" + orderId).path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void shouldParkAtOnceWhenACompensationIsRefused() throws Exception {
        String orderId = placeScripted("C-shipped", (command) -> switch (command.type()) {
            case "CapturePayment" -> null;
            case "CancelShipment" -> new ScriptedParticipants.Reply("ShipmentCancelRefused",
                    Map.of("orderId", command.aggregateId(), "reason", "ALREADY_DISPATCHED"));
            default -> ScriptedParticipants.success(command);
        });
        await().atMost(Duration.ofSeconds(60))
            .until(() -> getJson("/api/orders/" + orderId + "/saga").path("state").asString(),
                    "NEEDS_ATTENTION"::equals);
        assertThat(this.participants.commandsOf(orderId)).filteredOn("CancelShipment"::equals).hasSize(1);
        assertThat(this.participants.commandsOf(orderId)).doesNotContain("VoidPayment", "ReleaseStock");
    }

    @Test
    void shouldIgnoreADuplicatedReply() throws Exception {
        String orderId = place("C-dup", List.of(item("SKU-1", 1)));
        assertThat(awaitFinal(orderId).path("status").asString()).isEqualTo("APPROVED");
        long lamportsBefore = getJson("/api/orders/" + orderId + "/saga").path("events").size();
        EventEnvelope commit = this.participants.lastCommand(orderId, "CommitStock");
        this.participants.reply(commit, "StockCommitted", Map.of("orderId", orderId));
        await().atMost(Duration.ofSeconds(30))
            .until(() -> getJson("/api/orders/" + orderId + "/saga").path("events").size() == lamportsBefore + 1);
        assertThat(getJson("/api/orders/" + orderId).path("status").asString()).isEqualTo("APPROVED");
        assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE message_key = ? AND message_type = ?",
                Integer.class, orderId, "OrderApproved"))
            .isEqualTo(1);
    }

    @Test
    void shouldCancelAnApprovedOrderThroughTheCancellationSaga() throws Exception {
        String orderId = place("C-cancel", List.of(item("SKU-1", 1)));
        assertThat(awaitFinal(orderId).path("status").asString()).isEqualTo("APPROVED");
        HttpResponse<String> cancel = post("/api/orders/" + orderId + "/cancel", "", null);
        assertThat(cancel.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
            .until(() -> getJson("/api/orders/" + orderId).path("status").asString(), "CANCELLED"::equals);
        assertThat(this.participants.commandsOf(orderId)).endsWith("CancelShipment", "RefundPayment", "ReturnStock");
        assertThat(post("/api/orders/" + orderId + "/cancel", "", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseToCancelADispatchedOrder() throws Exception {
        String orderId = place("C-gone", List.of(item("SKU-1", 1)));
        assertThat(awaitFinal(orderId).path("status").asString()).isEqualTo("APPROVED");
        EventEnvelope create = this.participants.lastCommand(orderId, "CreateShipment");
        this.participants.reply(create, "ShipmentDispatched", Map.of("orderId", orderId, "shipmentId", "S-1"));
        await().atMost(Duration.ofSeconds(30))
            .until(() -> post("/api/orders/" + orderId + "/cancel", "", null).statusCode() == 409);
        assertThat(getJson("/api/orders/" + orderId).path("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void shouldEndAPendingOrderCancelledWhenItsSagaCanCompensate() throws Exception {
        String orderId = placeScripted("C-change",
                (command) -> command.type().equals("CreateShipment") ? null : ScriptedParticipants.success(command));
        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.participants.commandsOf(orderId).contains("CreateShipment"));
        assertThat(post("/api/orders/" + orderId + "/cancel", "", null).statusCode()).isEqualTo(202);
        this.participants.reply(this.participants.lastCommand(orderId, "CreateShipment"), "ShipmentCreated",
                Map.of("orderId", orderId, "shipmentId", "S-2", "carrier", "parcel-north"));
        JsonNode order = awaitFinal(orderId);
        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("failureReason").isNull()).isTrue();
        assertThat(this.participants.commandsOf(orderId)).containsExactly("ReserveStock", "AuthorizePayment",
                "CreateShipment", "CancelShipment", "VoidPayment", "ReleaseStock");
    }

    @Test
    void shouldAnswerTheSameOrderForARepeatedIdempotencyKey() throws Exception {
        String key = "key-" + UUID.randomUUID();
        String body = body("C-idem", List.of(item("SKU-1", 1)));
        HttpResponse<String> first = post("/api/orders", body, key);
        HttpResponse<String> second = post("/api/orders", body, key);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Location")).isPresent();
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json.readTree(second.body()).path("orderId").asString())
            .isEqualTo(json.readTree(first.body()).path("orderId").asString());

        HttpResponse<String> different = post("/api/orders", body("C-idem", List.of(item("SKU-1", 2))), key);
        assertThat(different.statusCode()).isEqualTo(422);
        assertThat(different.body()).contains("Idempotency-Key");
    }

    @Test
    void shouldCreateOneOrderForConcurrentIdenticalRequests() throws Exception {
        String key = "key-" + UUID.randomUUID();
        String body = body("C-race", List.of(item("SKU-1", 1)));
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Callable<HttpResponse<String>>> requests = java.util.Collections.nCopies(8,
                    () -> post("/api/orders", body, key));
            List<String> orderIds = new java.util.ArrayList<>();
            for (Future<HttpResponse<String>> response : pool.invokeAll(requests)) {
                assertThat(response.get().statusCode()).isIn(200, 202);
                orderIds.add(json.readTree(response.get().body()).path("orderId").asString());
            }
            assertThat(orderIds).containsOnly(orderIds.get(0));
        }
        assertThat(
                this.jdbc.queryForObject("SELECT count(*) FROM orders WHERE idempotency_key = ?", Integer.class, key))
            .isEqualTo(1);
    }

    @Test
    void shouldRefuseInvalidOrdersNamingTheFieldAndStoreNothing() throws Exception {
        long before = countOrders();
        assertProblem(post("/api/orders", body("C-1", List.of(item("SKU-1", 1))), null), 400, "Idempotency-Key");
        assertProblem(post("/api/orders", "{\"customerId\":\"C-1\",\"items\":[{\"sku\":\"S\",\"quantity\":1}],\"x\":1}",
                "k-" + UUID.randomUUID()), 400, "x");
        assertProblem(post("/api/orders", "{\"customerId\":\"C-1\",\"items\":[{\"sku\":\"S\",\"quantity\":1.5}]}",
                "k-" + UUID.randomUUID()), 400, "items[0].quantity");
        assertProblem(post("/api/orders", body("C-1", List.of(item("SKU-1", 0))), "k-" + UUID.randomUUID()), 400,
                "items[0].quantity");
        assertProblem(post("/api/orders", body("C-1", List.of(item("SKU-1", 1001))), "k-" + UUID.randomUUID()), 400,
                "items[0].quantity");
        assertProblem(
                post("/api/orders", body("C-1", List.of(item("SKU-1", 1), item("SKU-1", 2))), "k-" + UUID.randomUUID()),
                400, "items[1].sku");
        assertProblem(post("/api/orders", body("C 1", List.of(item("SKU-1", 1))), "k-" + UUID.randomUUID()), 400,
                "customerId");
        assertProblem(post("/api/orders", "{\"customerId\":\"C-1\",\"items\":[]}", "k-" + UUID.randomUUID()), 400,
                "items");
        assertProblem(post("/api/orders", "{\"items\":[{\"sku\":\"S\",\"quantity\":1}]}", "k-" + UUID.randomUUID()),
                400, "customerId");
        List<Map<String, Object>> tooMany = java.util.stream.IntStream.range(0, 51)
            .mapToObj((i) -> item("SKU-" + i, 1))
            .toList();
        assertProblem(post("/api/orders", body("C-1", tooMany), "k-" + UUID.randomUUID()), 400, "items");
        assertProblem(post("/api/orders", body("C-1", List.of(item("SKU-1", 1))), "bad key!"), 400, "Idempotency-Key");
        assertThat(countOrders()).isEqualTo(before);
    }

    @Test
    void shouldAnswerNotFoundAndValidateTheOrderId() throws Exception {
        assertProblem(get("/api/orders/no-such-order"), 404, "no-such-order");
        assertProblem(get("/api/orders/no-such-order/saga"), 404, "no-such-order");
        assertProblem(post("/api/orders/no-such-order/cancel", "", null), 404, "no-such-order");
        assertProblem(get("/api/orders/bad%20id"), 400, "orderId");
    }

    @Test
    void shouldRequireTheOrdersScope() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/orders/x"))
            .header("Authorization", "Bearer " + TestTokens.issue("reporting", "metrics"))
            .build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldListACustomersOrdersPageByPage() throws Exception {
        String customer = "C-list-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            place(customer, List.of(item("SKU-1", 1)));
        }
        JsonNode page = getJson("/api/orders?customerId=" + customer + "&page=0&size=2");
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("items")).hasSize(2);
        assertThat(getJson("/api/orders?customerId=" + customer + "&page=1&size=2").path("items")).hasSize(1);
        assertProblem(get("/api/orders?size=1000"), 400, "size");
        assertProblem(get("/api/orders?status=LOST"), 400, "status");
    }

    private String placeScripted(String customerId, ScriptedParticipants.Script script) throws Exception {
        // The order id is unknown until the order exists, and its first command may be
        // answered at once:
        // the script is found through the order's customer.
        this.participants.script(customerId, script);
        return place(customerId, List.of(item("SKU-1", 1)));
    }

    private String place(String customerId, List<Map<String, Object>> items) throws Exception {
        HttpResponse<String> response = post("/api/orders", body(customerId, items), "key-" + UUID.randomUUID());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).path("orderId").asString();
    }

    private JsonNode awaitFinal(String orderId) throws Exception {
        await().atMost(Duration.ofSeconds(60))
            .until(() -> getJson("/api/orders/" + orderId).path("status").asString(),
                    (status) -> !"PENDING".equals(status));
        return getJson("/api/orders/" + orderId);
    }

    private long countOrders() {
        Long count = this.jdbc.queryForObject("SELECT count(*) FROM orders", Long.class);
        return (count != null) ? count : 0;
    }

    private static Map<String, Object> item(String sku, int quantity) {
        return Map.of("sku", sku, "quantity", quantity);
    }

    private static String body(String customerId, List<Map<String, Object>> items) {
        return json.writeValueAsString(Map.of("customerId", customerId, "items", items));
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + this.token).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + this.token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + path);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String mentioned) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains(mentioned);
    }

}
