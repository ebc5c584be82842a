package dev.distsys.platform;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order saga end to end, on the platform the runner starts: real PostgreSQL, the real
 * Kafka broker process, two instances of every service and the gateway, each its own JVM.
 * Every outcome of CONTRACT.md, participants stopped mid-saga and restarted, cancellation
 * before and after dispatch, and the conservation of stock and money under concurrent
 * orders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SagaSystemTests {

    private static final Duration FINAL_WITHIN = Duration.ofSeconds(90);

    private static final URI SHIPPING_1 = URI.create("http://127.0.0.1:8084");

    @TempDir
    static Path dataDir;

    private RunningPlatform platform;

    private Shop shop;

    @BeforeAll
    void startPlatform() throws Exception {
        this.platform = RunningPlatform.start(dataDir, Map.of("order-service",
                List.of("--orders.saga.step-timeout=60s", "--orders.saga.step-timeouts.CreateShipment=5s",
                        "--orders.saga.compensation-timeout=5s", "--orders.saga.max-attempts=60"),
                "shipping-service", List.of("--shipping.dispatch-delay=8s", "--shipping.dispatch-interval=500ms")));
        this.shop = new Shop();
    }

    @AfterAll
    void stopPlatform() {
        if (this.platform != null) {
            this.platform.close();
        }
    }

    @Test
    void shouldApproveAnOrderMovingItsStockToSoldAndCapturingItsTotal() throws Exception {
        String sku = sku();
        String customer = customer();
        this.shop.stock(sku, 10, 1250);
        this.shop.balance(customer, 100_000);

        String orderId = this.shop.order(customer, Map.of(sku, 2));
        JsonNode order = awaitFinal(orderId);

        assertThat(order.path("status").asString()).isEqualTo("APPROVED");
        assertThat(order.path("totalCents").asLong()).isEqualTo(2500);
        assertThat(order.path("items").get(0).path("unitPriceCents").asLong()).isEqualTo(1250);
        assertStock(sku, 8, 0, 2);
        assertMoney(customer, 97_500, 0, 2500);
        assertThat(liveShipments(orderId)).hasSize(1);
        JsonNode saga = this.shop.saga(orderId);
        assertThat(saga.path("state").asString()).isEqualTo("COMPLETED");
        List<Long> lamports = saga.path("events").valueStream().map((event) -> event.path("lamport").asLong()).toList();
        assertThat(lamports).isSorted();
        assertThat(saga.path("events").valueStream().map((event) -> event.path("service").asString()))
            .contains("order-service", "inventory-service", "payment-service", "shipping-service");
    }

    @Test
    void shouldRejectAnOrderForMoreThanIsInStockAndChangeNothing() throws Exception {
        String sku = sku();
        String customer = customer();
        this.shop.stock(sku, 1, 500);
        this.shop.balance(customer, 100_000);

        JsonNode order = awaitFinal(this.shop.order(customer, Map.of(sku, 2)));

        assertThat(order.path("status").asString()).isEqualTo("REJECTED");
        assertThat(order.path("failureReason").asString()).isEqualTo("OUT_OF_STOCK");
        assertStock(sku, 1, 0, 0);
        assertMoney(customer, 100_000, 0, 0);
    }

    @Test
    void shouldRejectAnUnknownSkuBeforePricingIt() throws Exception {
        String customer = customer();
        this.shop.balance(customer, 100_000);

        JsonNode order = awaitFinal(this.shop.order(customer, Map.of(sku(), 1)));

        assertThat(order.path("failureReason").asString()).isEqualTo("UNKNOWN_SKU");
        assertThat(order.path("totalCents").isNull()).isTrue();
    }

    @Test
    void shouldReleaseTheStockWhenThePaymentIsDeclined() throws Exception {
        String sku = sku();
        String customer = customer();
        this.shop.stock(sku, 5, 1000);
        this.shop.balance(customer, 999);

        String orderId = this.shop.order(customer, Map.of(sku, 1));
        JsonNode order = awaitFinal(orderId);

        assertThat(order.path("failureReason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertStock(sku, 5, 0, 0);
        assertMoney(customer, 999, 0, 0);
        assertThat(liveShipments(orderId)).isEmpty();
    }

    @Test
    void shouldVoidThePaymentAndReleaseTheStockWhenNoCarrierCanShip() throws Exception {
        String sku = sku();
        String customer = customer();
        this.shop.stock(sku, 5, 1000);
        this.shop.balance(customer, 10_000);
        List<String> carriers = this.shop.carriers(SHIPPING_1);
        try {
            for (String carrier : carriers) {
                this.shop.carrier(SHIPPING_1, carrier, false);
            }
            String orderId = this.shop.order(customer, Map.of(sku, 1));
            JsonNode order = awaitFinal(orderId);

            assertThat(order.path("failureReason").asString()).isEqualTo("SHIPPING_UNAVAILABLE");
            assertStock(sku, 5, 0, 0);
            assertMoney(customer, 10_000, 0, 0);
            assertThat(liveShipments(orderId)).isEmpty();
        }
        finally {
            for (String carrier : carriers) {
                this.shop.carrier(SHIPPING_1, carrier, true);
            }
        }
    }

    @Test
    void shouldTimeOutWhileShippingIsDownAndCompensateOnceItIsBack() throws Exception {
        String sku = sku();
        String customer = customer();
        this.shop.stock(sku, 5, 1000);
        this.shop.balance(customer, 10_000);
        this.platform.stopInstance("shipping-service-1");
        this.platform.stopInstance("shipping-service-2");
        String orderId;
        try {
            orderId = this.shop.order(customer, Map.of(sku, 1));
            await().atMost(FINAL_WITHIN).until(() -> stepStatus(orderId, "CreateShipment").equals("TIMED_OUT"));
            assertThat(this.shop.status(orderId)).isEqualTo("PENDING");
        }
        finally {
            this.platform.startInstance("shipping-service-1");
            this.platform.startInstance("shipping-service-2");
        }
        JsonNode order = awaitFinal(orderId);

        assertThat(order.path("failureReason").asString()).isEqualTo("TIMEOUT");
        assertStock(sku, 5, 0, 0);
        assertMoney(customer, 10_000, 0, 0);
        assertThat(liveShipments(orderId)).isEmpty();
    }

    @Test
    void shouldCompleteASagaWhosePaymentServiceRestartsMidway() throws Exception {
        String sku = sku();
        String customer = customer();
        this.shop.stock(sku, 5, 1000);
        this.shop.balance(customer, 10_000);
        this.platform.stopInstance("payment-service-1");
        this.platform.stopInstance("payment-service-2");
        String orderId;
        try {
            orderId = this.shop.order(customer, Map.of(sku, 1));
            await().atMost(FINAL_WITHIN).until(() -> stepStatus(orderId, "AuthorizePayment").equals("STARTED"));
        }
        finally {
            this.platform.startInstance("payment-service-1");
            this.platform.startInstance("payment-service-2");
        }
        JsonNode order = awaitFinal(orderId);

        assertThat(order.path("status").asString()).isEqualTo("APPROVED");
        assertMoney(customer, 9_000, 0, 1000);
        assertStock(sku, 4, 0, 1);
    }

    @Test
    void shouldCancelAnApprovedOrderBeforeDispatchReturningStockAndMoney() throws Exception {
        String sku = sku();
        String customer = customer();
        this.shop.stock(sku, 5, 1000);
        this.shop.balance(customer, 10_000);
        String orderId = this.shop.order(customer, Map.of(sku, 2));
        assertThat(awaitFinal(orderId).path("status").asString()).isEqualTo("APPROVED");

        HttpResponse<String> cancel = this.shop.cancel(orderId);

        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        await().atMost(FINAL_WITHIN).until(() -> this.shop.status(orderId).equals("CANCELLED"));
        assertStock(sku, 5, 0, 0);
        assertMoney(customer, 10_000, 0, 0);
        assertThat(liveShipments(orderId)).isEmpty();
        assertThat(this.shop.cancel(orderId).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseToCancelAnOrderOnceItsShipmentIsDispatched() throws Exception {
        String sku = sku();
        String customer = customer();
        this.shop.stock(sku, 5, 1000);
        this.shop.balance(customer, 10_000);
        String orderId = this.shop.order(customer, Map.of(sku, 1));
        assertThat(awaitFinal(orderId).path("status").asString()).isEqualTo("APPROVED");
        await().atMost(FINAL_WITHIN)
            .until(() -> liveShipments(orderId).stream().anyMatch((shipment) -> shipment.equals("DISPATCHED")));

        await().atMost(FINAL_WITHIN).until(() -> this.shop.cancel(orderId).statusCode() == 409);
        assertThat(this.shop.status(orderId)).isEqualTo("APPROVED");
        assertMoney(customer, 9_000, 0, 1000);
    }

    @Test
    void shouldConserveStockAndMoneyExactlyUnderConcurrentOrders() throws Exception {
        Random random = new Random(42);
        List<String> skus = new ArrayList<>();
        Map<String, Long> prices = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            String sku = sku();
            skus.add(sku);
            prices.put(sku, 100L * (i + 1));
            this.shop.stock(sku, 30, prices.get(sku));
        }
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String customer = customer();
            customers.add(customer);
            this.shop.balance(customer, 4_000);
        }
        List<Map<String, Integer>> baskets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Integer> basket = new HashMap<>();
            basket.put(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(2));
            if (random.nextBoolean()) {
                basket.putIfAbsent(skus.get(random.nextInt(skus.size())), 1);
            }
            baskets.add(basket);
        }

        List<String> orderIds = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<String>> placed = new ArrayList<>();
            for (int i = 0; i < baskets.size(); i++) {
                Map<String, Integer> basket = baskets.get(i);
                String customer = customers.get(i % customers.size());
                placed.add(pool.submit(() -> this.shop.order(customer, basket)));
            }
            for (Future<String> orderId : placed) {
                orderIds.add(orderId.get());
            }
        }
        Map<String, JsonNode> finals = new HashMap<>();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (String orderId : orderIds) {
                if (!finals.containsKey(orderId)) {
                    JsonNode order = this.shop.getOrder(orderId);
                    if (!order.path("status").asString().equals("PENDING")) {
                        finals.put(orderId, order);
                    }
                }
            }
            return finals.size() == orderIds.size();
        });

        Map<String, Long> soldBySku = new HashMap<>();
        Map<String, Long> capturedByCustomer = new HashMap<>();
        for (JsonNode order : finals.values()) {
            String status = order.path("status").asString();
            assertThat(status).isIn("APPROVED", "REJECTED");
            int live = liveShipments(order.path("orderId").asString()).size();
            if (status.equals("APPROVED")) {
                assertThat(live).isEqualTo(1);
                order.path("items")
                    .forEach((item) -> soldBySku.merge(item.path("sku").asString(), item.path("quantity").asLong(),
                            Long::sum));
                capturedByCustomer.merge(order.path("customerId").asString(), order.path("totalCents").asLong(),
                        Long::sum);
            }
            else {
                assertThat(live).isZero();
            }
        }
        assertThat(soldBySku).isNotEmpty();
        for (String sku : skus) {
            long sold = soldBySku.getOrDefault(sku, 0L);
            assertStock(sku, 30 - sold, 0, sold);
        }
        for (String customer : customers) {
            long captured = capturedByCustomer.getOrDefault(customer, 0L);
            assertMoney(customer, 4_000 - captured, 0, captured);
        }
    }

    private JsonNode awaitFinal(String orderId) throws Exception {
        await().atMost(FINAL_WITHIN)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> !this.shop.status(orderId).equals("PENDING"));
        return this.shop.getOrder(orderId);
    }

    private String stepStatus(String orderId, String step) throws Exception {
        return this.shop.saga(orderId)
            .path("steps")
            .valueStream()
            .filter((candidate) -> candidate.path("name").asString().equals(step))
            .map((candidate) -> candidate.path("status").asString())
            .reduce((first, last) -> last)
            .orElse("");
    }

    /** The statuses of the order's shipments that are not cancelled. */
    private List<String> liveShipments(String orderId) throws Exception {
        return this.shop.shipments(orderId)
            .valueStream()
            .map((shipment) -> shipment.path("status").asString())
            .filter((status) -> !status.equals("CANCELLED"))
            .toList();
    }

    private void assertStock(String sku, long available, long reserved, long sold) throws Exception {
        JsonNode item = this.shop.item(sku);
        assertThat(List.of(item.path("available").asLong(), item.path("reserved").asLong(), item.path("sold").asLong()))
            .as("available, reserved, sold of %s", sku)
            .containsExactly(available, reserved, sold);
    }

    private void assertMoney(String customer, long balance, long held, long captured) throws Exception {
        JsonNode account = this.shop.account(customer);
        assertThat(List.of(account.path("balanceCents").asLong(), account.path("heldCents").asLong(),
                account.path("capturedCents").asLong()))
            .as("balance, held, captured of %s", customer)
            .containsExactly(balance, held, captured);
    }

    private static String sku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String customer() {
        return "C-" + UUID.randomUUID().toString().substring(0, 8);
    }

}
