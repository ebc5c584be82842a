package dev.distsys.inventory;

import dev.distsys.shared.testing.KafkaProbe;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.distsys.inventory.stock.Inventory;
import dev.distsys.inventory.stock.StockItem;
import dev.distsys.shared.consumer.MessageConsumers;
import dev.distsys.shared.messaging.EnvelopeJson;
import dev.distsys.shared.messaging.EnvelopeRecords;
import dev.distsys.shared.messaging.EventEnvelope;
import dev.distsys.shared.messaging.Messages;
import dev.distsys.shared.testing.UsesRealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every inventory command and reply of docs/saga-messages.md, end to end through Kafka,
 * the inbox and the outbox: commands go to {@code inventory.commands}, replies are read
 * from {@code order.saga-replies}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "inventory")
class InventoryMessagingTests {

    private static final String COMMANDS = "inventory.commands";

    @Autowired
    Messages messages;

    @Autowired
    EnvelopeJson json;

    @Autowired
    KafkaTemplate<String, byte[]> envelopeKafkaTemplate;

    @Autowired
    MessageConsumers consumers;

    @Autowired
    Inventory inventory;

    @Autowired
    Environment environment;

    private KafkaProbe replies;

    private String orderId;

    private String skuA;

    private String skuB;

    @BeforeEach
    void setUp() {
        await().atMost(java.time.Duration.ofSeconds(60)).until(this.consumers::allAssigned);
        this.replies = new KafkaProbe(bootstrapServers(), "order.saga-replies", this.json);
        this.orderId = "O-" + UUID.randomUUID();
        this.skuA = "A-" + UUID.randomUUID();
        this.skuB = "B-" + UUID.randomUUID();
        this.inventory.put(this.skuA, 10, 100);
        this.inventory.put(this.skuB, 5, 250);
    }

    @AfterEach
    void tearDown() {
        this.replies.close();
    }

    @Test
    void shouldReserveEveryItemAndReplyWithTheirPricesInTheSameSagaAndTrace() {
        EventEnvelope command = send("ReserveStock", reserve(2, 3));

        EventEnvelope reply = this.replies.awaitEnvelopes(this.orderId, 1).get(0);

        assertThat(reply.type()).isEqualTo("StockReserved");
        assertThat(reply.sagaId()).isEqualTo(command.sagaId());
        assertThat(reply.aggregateId()).isEqualTo(this.orderId);
        assertThat(Messages.traceId(reply.traceparent())).isEqualTo(Messages.traceId(command.traceparent()));
        assertThat(reply.source()).isEqualTo("inventory-service");
        assertThat(reply.lamport()).isGreaterThan(command.lamport());
        JsonNode payload = reply.payload();
        assertThat(payload.get("orderId").asString()).isEqualTo(this.orderId);
        assertThat(payload.get("items")).hasSize(2);
        assertThat(item(payload, this.skuA)).isEqualTo(Map.of("quantity", 2L, "unitPriceCents", 100L));
        assertThat(item(payload, this.skuB)).isEqualTo(Map.of("quantity", 3L, "unitPriceCents", 250L));
        assertStock(this.skuA, 8, 2, 0);
        assertStock(this.skuB, 2, 3, 0);
    }

    @Test
    void shouldReserveNothingWhenOneItemIsShort() {
        send("ReserveStock", reserve(2, 6));

        JsonNode payload = onlyReply("StockReservationFailed");
        assertThat(payload.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(payload.get("sku").asString()).isEqualTo(this.skuB);
        assertStock(this.skuA, 10, 0, 0);
        assertStock(this.skuB, 5, 0, 0);
    }

    @Test
    void shouldRefuseAnUnknownSku() {
        String unknown = "NONE-" + UUID.randomUUID();
        send("ReserveStock", Map.of("orderId", this.orderId, "items",
                List.of(Map.of("sku", this.skuA, "quantity", 1), Map.of("sku", unknown, "quantity", 1))));

        JsonNode payload = onlyReply("StockReservationFailed");
        assertThat(payload.get("reason").asString()).isEqualTo("UNKNOWN_SKU");
        assertThat(payload.get("sku").asString()).isEqualTo(unknown);
        assertStock(this.skuA, 10, 0, 0);
    }

    @Test
    void shouldCommitReservedStockAsSoldAndReturnItOnCancellation() {
        send("ReserveStock", reserve(2, 3));
        send("CommitStock", order());
        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 2);
        assertThat(replies).extracting(EventEnvelope::type).containsExactly("StockReserved", "StockCommitted");
        assertStock(this.skuA, 8, 0, 2);
        assertStock(this.skuB, 2, 0, 3);

        send("CommitStock", order());
        send("ReturnStock", order());
        send("ReturnStock", order());

        assertThat(this.replies.awaitEnvelopes(this.orderId, 5)).extracting(EventEnvelope::type)
            .containsExactly("StockReserved", "StockCommitted", "StockCommitted", "StockReturned", "StockReturned");
        assertStock(this.skuA, 10, 0, 0);
        assertStock(this.skuB, 5, 0, 0);
    }

    @Test
    void shouldReleaseIdempotentlyAndRefuseALateReservation() {
        send("ReserveStock", reserve(2, 3));
        send("ReleaseStock", order());
        send("ReleaseStock", order());
        send("ReserveStock", reserve(1, 1));

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 4);

        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("StockReserved", "StockReleased", "StockReleased", "StockReservationFailed");
        assertThat(replies.get(1).payload().get("orderId").asString()).isEqualTo(this.orderId);
        assertThat(replies.get(3).payload().get("reason").asString()).isEqualTo("RELEASED");
        assertStock(this.skuA, 10, 0, 0);
        assertStock(this.skuB, 5, 0, 0);
    }

    @Test
    void shouldReleaseAnOrderThatHoldsNothingAndRefuseItsLateReservation() {
        send("ReleaseStock", order());
        send("ReserveStock", reserve(1, 1));

        assertThat(this.replies.awaitEnvelopes(this.orderId, 2)).extracting(EventEnvelope::type)
            .containsExactly("StockReleased", "StockReservationFailed");
        assertStock(this.skuA, 10, 0, 0);
    }

    @Test
    void shouldHandleTheSameMessageDeliveredTwiceOnce() {
        EventEnvelope reserve = this.messages.create("ReserveStock", "saga-" + this.orderId, this.orderId,
                reserve(2, 3));
        publish(reserve);
        publish(reserve);
        send("CommitStock", order());

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 2);

        assertThat(replies).extracting(EventEnvelope::type).containsExactly("StockReserved", "StockCommitted");
        assertStock(this.skuA, 8, 0, 2);
        assertStock(this.skuB, 2, 0, 3);
    }

    @Test
    void shouldAnswerARepeatedReservationAsTheFirstWithoutReservingTwice() {
        send("ReserveStock", reserve(2, 3));
        send("ReserveStock", reserve(2, 3));
        send("ReleaseStock", order());

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 3);

        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("StockReserved", "StockReserved", "StockReleased");
        assertThat(replies.get(1).payload()).isEqualTo(replies.get(0).payload());
        assertStock(this.skuA, 10, 0, 0);
    }

    @Test
    void shouldRepeatTheRefusalOfARepeatedFailedReservation() {
        send("ReserveStock", reserve(2, 6));
        this.replies.awaitEnvelopes(this.orderId, 1);
        this.inventory.put(this.skuB, 50, 250);
        send("ReserveStock", reserve(2, 6));

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 2);

        assertThat(replies).extracting((reply) -> reply.payload().get("reason").asString())
            .containsExactly("OUT_OF_STOCK", "OUT_OF_STOCK");
        assertStock(this.skuB, 50, 0, 0);
    }

    @Test
    void shouldReserveScarceStockForExactlyAsManyOrdersAsItLastsThroughKafka() {
        List<String> orders = java.util.stream.IntStream.range(0, 30).mapToObj((i) -> this.orderId + "-" + i).toList();
        for (String order : orders) {
            publish(this.messages.create("ReserveStock", "saga-" + order, order,
                    Map.of("orderId", order, "items", List.of(Map.of("sku", this.skuA, "quantity", 1)))));
        }

        long reserved = orders.stream()
            .map((order) -> this.replies.awaitEnvelopes(order, 1))
            .peek((replies) -> assertThat(replies).hasSize(1))
            .filter((replies) -> replies.get(0).type().equals("StockReserved"))
            .count();

        assertThat(reserved).isEqualTo(10);
        assertStock(this.skuA, 0, 10, 0);
    }

    @Test
    void shouldDeadLetterWhatCanNeverBeHandledAndReplyToNothingOfIt() {
        send("ReserveStock", Map.of("orderId", this.orderId, "items", "none"));
        send("ReserveStock",
                Map.of("orderId", "another-order", "items", List.of(Map.of("sku", this.skuA, "quantity", 1))));
        send("ReserveStock",
                Map.of("orderId", this.orderId, "items", List.of(Map.of("sku", this.skuA, "quantity", 0))));
        send("CommitStock", order());
        send("ReleaseStock", order());

        try (KafkaProbe deadLetters = new KafkaProbe(bootstrapServers(), COMMANDS + ".dlq", this.json)) {
            List<ConsumerRecord<String, byte[]>> dead = deadLetters.awaitRecords(this.orderId, 4);
            assertThat(dead).extracting((record) -> header(record, "type"))
                .containsExactly("ReserveStock", "ReserveStock", "ReserveStock", "CommitStock");
            assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("payload.items");
            assertThat(header(dead.get(1), "kafka_dlt-exception-message")).contains("is not the message key");
            assertThat(header(dead.get(3), "kafka_dlt-exception-message")).contains("holds no reserved stock");
        }
        assertThat(this.replies.awaitEnvelopes(this.orderId, 1)).extracting(EventEnvelope::type)
            .containsExactly("StockReleased");
        assertStock(this.skuA, 10, 0, 0);
    }

    private Map<String, Object> reserve(int quantityA, int quantityB) {
        return Map.of("orderId", this.orderId, "items", List.of(Map.of("sku", this.skuA, "quantity", quantityA),
                Map.of("sku", this.skuB, "quantity", quantityB)));
    }

    private Map<String, Object> order() {
        return Map.of("orderId", this.orderId);
    }

    private EventEnvelope send(String type, Map<String, Object> payload) {
        EventEnvelope envelope = this.messages.create(type, "saga-" + this.orderId, this.orderId, payload);
        publish(envelope);
        return envelope;
    }

    private void publish(EventEnvelope envelope) {
        try {
            this.envelopeKafkaTemplate.send(EnvelopeRecords.using(this.json).toProducerRecord(COMMANDS, envelope))
                .get(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException | ExecutionException | TimeoutException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private JsonNode onlyReply(String type) {
        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 1);
        assertThat(replies).extracting(EventEnvelope::type).containsExactly(type);
        return replies.get(0).payload();
    }

    private static Map<String, Long> item(JsonNode payload, String sku) {
        for (JsonNode item : payload.get("items")) {
            if (sku.equals(item.get("sku").asString())) {
                return Map.of("quantity", item.get("quantity").asLong(), "unitPriceCents",
                        item.get("unitPriceCents").asLong());
            }
        }
        throw new AssertionError("no item of " + sku + " in " + payload);
    }

    private void assertStock(String sku, long available, long reserved, long sold) {
        StockItem item = this.inventory.find(sku).orElseThrow();
        assertThat(item).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
            .containsExactly(available, reserved, sold);
    }

    private String bootstrapServers() {
        return this.environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
    }

}
