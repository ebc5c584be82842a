package dev.distsys.order.saga;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.distsys.shared.clock.LamportClock;
import dev.distsys.shared.messaging.EnvelopeJson;
import dev.distsys.shared.messaging.EnvelopeRecords;
import dev.distsys.shared.messaging.EventEnvelope;
import dev.distsys.shared.messaging.Messages;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for inventory, payment and shipping over the real broker, so that the
 * orchestrator's every path can be driven: each command is answered by the script of its
 * order (or the default answer), and every command received is kept for assertions. A
 * script answers {@code null} to stay silent, as a stopped participant would.
 */
final class ScriptedParticipants implements AutoCloseable {

    /**
     * Builds the reply to a command: a type and a payload, or {@code null} for silence.
     */
    @FunctionalInterface
    interface Script extends Function<EventEnvelope, Reply> {

    }

    record Reply(String type, Object payload) {
    }

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();

    private final List<EventEnvelope> received = new CopyOnWriteArrayList<>();

    private final EnvelopeRecords records = EnvelopeRecords.using(EnvelopeJson.create());

    private final Messages messages = new Messages(LamportClock.create(), "participants", EnvelopeJson.create(),
            Clock.systemUTC());

    private final KafkaConsumer<String, byte[]> consumer;

    private final KafkaProducer<String, byte[]> producer;

    private final Thread worker;

    private final Function<String, String> customerOfOrder;

    private volatile boolean running = true;

    private volatile boolean assigned;

    ScriptedParticipants(String bootstrapServers, Function<String, String> customerOfOrder) {
        this.customerOfOrder = customerOfOrder;
        this.consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
                        "scripted-participants", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
        this.consumer.subscribe(List.of(Topics.INVENTORY_COMMANDS, Topics.PAYMENT_COMMANDS, Topics.SHIPPING_COMMANDS),
                new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        ScriptedParticipants.this.assigned = false;
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        ScriptedParticipants.this.assigned = !partitions.isEmpty();
                    }
                });
        this.worker = Thread.ofPlatform().name("scripted-participants").daemon().start(this::run);
    }

    /**
     * Answers the commands of {@code customerId}'s orders with {@code script} instead of
     * the default.
     */
    void script(String customerId, Script script) {
        this.scripts.put(customerId, script);
    }

    /** Whether the consumer has its partitions, so that no command is missed. */
    boolean ready() {
        return this.assigned;
    }

    /** The types of the commands received for an order, in order. */
    List<String> commandsOf(String orderId) {
        List<String> types = new ArrayList<>();
        this.received.stream().filter((command) -> command.aggregateId().equals(orderId)).forEach((command) -> {
            types.add(command.type());
        });
        return types;
    }

    /** Sends a reply as if a participant had sent it (for late and duplicate replies). */
    void reply(EventEnvelope command, String type, Object payload) {
        this.messages.received(command);
        send(this.messages.causedBy(command, type, payload));
    }

    /** Sends the same envelope again, as a redelivery would. */
    void send(EventEnvelope envelope) {
        this.producer.send(this.records.toProducerRecord(Topics.SAGA_REPLIES, envelope));
        this.producer.flush();
    }

    EventEnvelope lastCommand(String orderId, String type) {
        return this.received.reversed()
            .stream()
            .filter((command) -> command.aggregateId().equals(orderId) && command.type().equals(type))
            .findFirst()
            .orElseThrow();
    }

    /**
     * The answer of a well-behaved participant: every command succeeds, prices are 250
     * cents.
     */
    static Reply success(EventEnvelope command) {
        String orderId = command.aggregateId();
        return switch (command.type()) {
            case "ReserveStock" ->
                new Reply("StockReserved", Map.of("orderId", orderId, "items", pricedItems(command)));
            case "AuthorizePayment" -> new Reply("PaymentAuthorized",
                    Map.of("orderId", orderId, "amountCents", command.payload().path("amountCents").asLong()));
            case "CreateShipment" -> new Reply("ShipmentCreated",
                    Map.of("orderId", orderId, "shipmentId", "S-" + orderId, "carrier", "parcel-north"));
            case "CapturePayment" -> new Reply("PaymentCaptured", Map.of("orderId", orderId, "amountCents", 0));
            case "CommitStock" -> new Reply("StockCommitted", Map.of("orderId", orderId));
            case "ReleaseStock" -> new Reply("StockReleased", Map.of("orderId", orderId));
            case "VoidPayment" -> new Reply("PaymentVoided", Map.of("orderId", orderId));
            case "CancelShipment" -> new Reply("ShipmentCancelled", Map.of("orderId", orderId));
            case "RefundPayment" -> new Reply("PaymentRefunded", Map.of("orderId", orderId, "amountCents", 0));
            case "ReturnStock" -> new Reply("StockReturned", Map.of("orderId", orderId));
            default -> throw new IllegalArgumentException("unexpected command " + command.type());
        };
    }

    private static List<Map<String, Object>> pricedItems(EventEnvelope command) {
        List<Map<String, Object>> items = new ArrayList<>();
        command.payload()
            .path("items")
            .forEach((item) -> items.add(Map.of("sku", item.path("sku").asString(), "quantity",
                    item.path("quantity").asInt(), "unitPriceCents", 250)));
        return items;
    }

    private void run() {
        while (this.running) {
            this.consumer.poll(Duration.ofMillis(100)).forEach((record) -> {
                EventEnvelope command = this.records.fromConsumerRecord(record);
                this.messages.received(command);
                this.received.add(command);
                Script script = this.scripts.getOrDefault(this.customerOfOrder.apply(command.aggregateId()),
                        ScriptedParticipants::success);
                Reply reply = script.apply(command);
                if (reply != null) {
                    send(this.messages.causedBy(command, reply.type(), reply.payload()));
                }
            });
        }
        this.consumer.close();
    }

    @Override
    public void close() {
        this.running = false;
        try {
            this.worker.join(Duration.ofSeconds(10));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.producer.close();
    }

}
