package dev.distsys.shipping;

import dev.distsys.shared.testing.KafkaProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.distsys.shared.consumer.MessageConsumers;
import dev.distsys.shared.messaging.EnvelopeJson;
import dev.distsys.shared.messaging.EnvelopeRecords;
import dev.distsys.shared.messaging.EventEnvelope;
import dev.distsys.shared.messaging.Messages;
import dev.distsys.shared.testing.UsesRealInfrastructure;
import dev.distsys.shipping.carrier.CarrierRing;
import dev.distsys.shipping.carrier.Carriers;
import dev.distsys.shipping.shipment.Shipment;
import dev.distsys.shipping.shipment.Shipments;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every shipping command and reply of docs/saga-messages.md, end to end through Kafka,
 * the inbox and the outbox, and the dispatch job's unasked ShipmentDispatched (the test
 * configuration dispatches 3 s after creation).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "shipping")
class ShippingMessagingTests {

    private static final String COMMANDS = "shipping.commands";

    private static final List<String> CARRIERS = List.of("parcel-north", "parcel-south", "parcel-east");

    @Autowired
    Messages messages;

    @Autowired
    EnvelopeJson json;

    @Autowired
    KafkaTemplate<String, byte[]> envelopeKafkaTemplate;

    @Autowired
    MessageConsumers consumers;

    @Autowired
    Shipments shipments;

    @Autowired
    Carriers carriers;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("dispatchJob")
    SmartLifecycle dispatchJob;

    private KafkaProbe replies;

    private String orderId;

    @BeforeEach
    void setUp() {
        await().atMost(Duration.ofSeconds(60)).until(this.consumers::allAssigned);
        this.replies = new KafkaProbe(bootstrapServers(), "order.saga-replies", this.json);
        this.orderId = "O-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        this.replies.close();
        CARRIERS.forEach((carrier) -> this.carriers.setAvailable(carrier, true));
    }

    @Test
    void shouldCreateAShipmentWithTheOrdersCarrierAndDispatchItAfterTheDelay() {
        EventEnvelope command = send("CreateShipment", create());

        EventEnvelope created = this.replies.awaitEnvelopes(this.orderId, 1).get(0);
        assertThat(created.type()).isEqualTo("ShipmentCreated");
        assertThat(created.sagaId()).isEqualTo(command.sagaId());
        assertThat(Messages.traceId(created.traceparent())).isEqualTo(Messages.traceId(command.traceparent()));
        String shipmentId = created.payload().get("shipmentId").asString();
        assertThat(created.payload().get("orderId").asString()).isEqualTo(this.orderId);
        assertThat(created.payload().get("carrier").asString())
            .isEqualTo(CarrierRing.of(CARRIERS, 64).carrierFor(this.orderId));
        assertThat(this.shipments.ofOrder(this.orderId)).singleElement()
            .satisfies((shipment) -> assertThat(shipment.shipmentId()).isEqualTo(shipmentId));

        EventEnvelope dispatched = this.replies.awaitEnvelopes(this.orderId, 2).get(1);

        assertThat(dispatched.type()).isEqualTo("ShipmentDispatched");
        assertThat(dispatched.sagaId()).isEqualTo(command.sagaId());
        assertThat(dispatched.aggregateId()).isEqualTo(this.orderId);
        assertThat(Messages.traceId(dispatched.traceparent())).isEqualTo(Messages.traceId(command.traceparent()));
        assertThat(dispatched.payload().get("shipmentId").asString()).isEqualTo(shipmentId);
        assertThat(dispatched.payload().get("carrier").asString())
            .isEqualTo(created.payload().get("carrier").asString());
        assertThat(Duration.between(created.occurredAt(), dispatched.occurredAt()))
            .isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
        assertThat(this.jdbc.queryForObject(
                "SELECT EXTRACT(EPOCH FROM dispatched_at - created_at) FROM shipment WHERE shipment_id = ?",
                Double.class, shipmentId))
            .isGreaterThanOrEqualTo(2.99);
        Shipment shipment = this.shipments.ofOrder(this.orderId).get(0);
        assertThat(shipment.status()).isEqualTo("DISPATCHED");
        assertThat(shipment.shipmentId()).isEqualTo(shipmentId);
    }

    @Test
    void shouldRefuseToCancelADispatchedShipment() {
        send("CreateShipment", create());
        this.replies.awaitEnvelopes(this.orderId, 2);

        send("CancelShipment", order());

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 3);
        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("ShipmentCreated", "ShipmentDispatched", "ShipmentCancelRefused");
        assertThat(replies.get(2).payload().get("reason").asString()).isEqualTo("ALREADY_DISPATCHED");
        assertThat(this.shipments.ofOrder(this.orderId)).singleElement()
            .satisfies((shipment) -> assertThat(shipment.status()).isEqualTo("DISPATCHED"));
    }

    @Test
    void shouldCancelAShipmentBeforeItsDispatchAndNeverDispatchIt() {
        List<EventEnvelope> replies = whileDispatchIsPaused(() -> {
            send("CreateShipment", create());
            send("CancelShipment", order());
            send("CancelShipment", order());
            return this.replies.awaitEnvelopes(this.orderId, 3);
        });
        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("ShipmentCreated", "ShipmentCancelled", "ShipmentCancelled");
        assertThat(this.shipments.ofOrder(this.orderId)).singleElement()
            .satisfies((shipment) -> assertThat(shipment.status()).isEqualTo("CANCELLED"));

        // A shipment created later is due later: once it is dispatched, the cancelled one
        // had its chance to be dispatched by mistake.
        String laterOrder = "O-" + UUID.randomUUID();
        publish(this.messages.create("CreateShipment", "saga-" + laterOrder, laterOrder, create(laterOrder)));
        assertThat(this.replies.awaitEnvelopes(laterOrder, 2)).extracting(EventEnvelope::type)
            .containsExactly("ShipmentCreated", "ShipmentDispatched");
        assertThat(this.replies.awaitEnvelopes(this.orderId, 3)).hasSize(3);
        assertThat(this.shipments.ofOrder(this.orderId)).singleElement()
            .satisfies((shipment) -> assertThat(shipment.status()).isEqualTo("CANCELLED"));
    }

    @Test
    void shouldCancelAnOrderWithoutShipmentAndShipNothingForALateCreate() {
        send("CancelShipment", order());
        send("CreateShipment", create());

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 2);

        assertThat(replies).extracting(EventEnvelope::type).containsExactly("ShipmentCancelled", "ShipmentRejected");
        assertThat(replies.get(0).payload().get("orderId").asString()).isEqualTo(this.orderId);
        assertThat(replies.get(1).payload().get("reason").asString()).isEqualTo("CANCELLED");
        assertThat(this.shipments.ofOrder(this.orderId)).isEmpty();
    }

    @Test
    void shouldRejectAShipmentWhenNoCarrierIsAvailable() {
        CARRIERS.forEach((carrier) -> this.carriers.setAvailable(carrier, false));
        send("CreateShipment", create());
        this.replies.awaitEnvelopes(this.orderId, 1);
        CARRIERS.forEach((carrier) -> this.carriers.setAvailable(carrier, true));
        send("CreateShipment", create());
        send("CancelShipment", order());

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 3);

        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("ShipmentRejected", "ShipmentRejected", "ShipmentCancelled");
        assertThat(replies.get(0).payload().get("reason").asString()).isEqualTo("NO_CARRIER_AVAILABLE");
        assertThat(replies.get(1).payload().get("reason").asString()).isEqualTo("NO_CARRIER_AVAILABLE");
        assertThat(this.shipments.ofOrder(this.orderId)).isEmpty();
    }

    @Test
    void shouldGiveTheOrderOfACarrierSwitchedOffToTheNextOnTheRing() {
        CarrierRing ring = CarrierRing.of(CARRIERS, 64);
        String usual = ring.carrierFor(this.orderId);
        this.carriers.setAvailable(usual, false);

        send("CreateShipment", create());

        EventEnvelope created = this.replies.awaitEnvelopes(this.orderId, 1).get(0);
        assertThat(created.payload().get("carrier").asString()).isNotEqualTo(usual)
            .isEqualTo(ring.carrierFor(this.orderId, (carrier) -> !carrier.equals(usual)).orElseThrow());
    }

    @Test
    void shouldHandleTheSameMessageDeliveredTwiceOnceAndAnswerARepeatAsTheFirst() {
        EventEnvelope create = this.messages.create("CreateShipment", "saga-" + this.orderId, this.orderId, create());
        EventEnvelope cancel = this.messages.create("CancelShipment", "saga-" + this.orderId, this.orderId, order());
        List<EventEnvelope> replies = whileDispatchIsPaused(() -> {
            publish(create);
            publish(create);
            send("CreateShipment", create());
            publish(cancel);
            publish(cancel);
            return this.replies.awaitEnvelopes(this.orderId, 3);
        });

        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("ShipmentCreated", "ShipmentCreated", "ShipmentCancelled");
        assertThat(replies.get(1).payload()).isEqualTo(replies.get(0).payload());
        assertThat(this.shipments.ofOrder(this.orderId)).singleElement()
            .satisfies((shipment) -> assertThat(shipment.status()).isEqualTo("CANCELLED"));
    }

    @Test
    void shouldDeadLetterWhatCanNeverBeHandledAndReplyToNothingOfIt() {
        send("CreateShipment", Map.of("orderId", this.orderId, "customerId", "C-1", "items", 42));
        send("CreateShipment", Map.of("orderId", this.orderId, "items", List.of(Map.of("sku", "S", "quantity", 1))));
        send("CreateShipment", Map.of("orderId", "another-order", "customerId", "C-1", "items",
                List.of(Map.of("sku", "S", "quantity", 1))));
        send("ShipEverything", order());
        send("CancelShipment", order());

        try (KafkaProbe deadLetters = new KafkaProbe(bootstrapServers(), COMMANDS + ".dlq", this.json)) {
            List<ConsumerRecord<String, byte[]>> dead = deadLetters.awaitRecords(this.orderId, 4);
            assertThat(dead).extracting((record) -> header(record, "type"))
                .containsExactly("CreateShipment", "CreateShipment", "CreateShipment", "ShipEverything");
            assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("payload.items");
            assertThat(header(dead.get(1), "kafka_dlt-exception-message")).contains("payload.customerId");
            assertThat(header(dead.get(2), "kafka_dlt-exception-message")).contains("is not the message key");
        }
        assertThat(this.replies.awaitEnvelopes(this.orderId, 1)).extracting(EventEnvelope::type)
            .containsExactly("ShipmentCancelled");
        assertThat(this.shipments.ofOrder(this.orderId)).isEmpty();
    }

    /**
     * Runs {@code scenario} with this instance's dispatch job stopped, so that a
     * cancellation surely comes before the dispatch however slow the machine is.
     */
    private <T> T whileDispatchIsPaused(Supplier<T> scenario) {
        this.dispatchJob.stop();
        try {
            return scenario.get();
        }
        finally {
            this.dispatchJob.start();
        }
    }

    private Map<String, Object> create() {
        return create(this.orderId);
    }

    private static Map<String, Object> create(String orderId) {
        return Map.of("orderId", orderId, "customerId", "C-1", "items", List.of(Map.of("sku", "SKU-1", "quantity", 2)));
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

    private String bootstrapServers() {
        return this.environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
    }

}
