package dev.distsys.shared.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.distsys.shared.consumer.MessageConsumers;
import dev.distsys.shared.consumer.MessageSubscription;
import dev.distsys.shared.consumer.NonRetryableMessageException;
import dev.distsys.shared.messaging.EnvelopeRecords;
import dev.distsys.shared.messaging.EventEnvelope;
import dev.distsys.shared.messaging.EnvelopeJson;
import dev.distsys.shared.messaging.Messages;
import dev.distsys.shared.testing.UsesRealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The outbox, relay, inbox and dead-letter path against real PostgreSQL and Kafka: what
 * is written in a transaction is delivered, in order per key, once per consumer, and
 * poison goes to the {@code .dlq} without stopping the rest.
 */
@SpringBootTest(classes = MessagingIntegrationTests.App.class,
        properties = { "spring.main.web-application-type=none", "spring.application.name=messaging-test",
                "platform.messaging.initial-backoff=10ms", "platform.messaging.max-backoff=50ms",
                "platform.messaging.max-attempts=3", "platform.messaging.partitions=3" })
@UsesRealInfrastructure(database = "messaging")
class MessagingIntegrationTests {

    static final String COMMANDS = "test.commands";

    static final AtomicInteger flakyFailuresLeft = new AtomicInteger();

    @Autowired
    Outbox outbox;

    @Autowired
    Messages messages;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MessageConsumers consumers;

    @Autowired
    OutboxRelay relay;

    @Autowired
    KafkaTemplate<String, byte[]> envelopeKafkaTemplate;

    @Autowired
    EnvelopeJson json;

    @Autowired
    Environment environment;

    @BeforeEach
    void waitForConsumers() {
        await().atMost(Duration.ofSeconds(60)).until(this.consumers::allAssigned);
    }

    @Test
    void shouldDeliverEveryCommittedMessageInOrderPerKey() {
        String keyA = "A-" + UUID.randomUUID();
        String keyB = "B-" + UUID.randomUUID();
        for (int i = 0; i < 50; i++) {
            int number = i;
            this.transactions.executeWithoutResult((status) -> {
                send(keyA, "Record", number);
                send(keyB, "Record", number);
            });
        }
        await().atMost(Duration.ofSeconds(60))
            .until(() -> numbersReceived(keyA).size() == 50 && numbersReceived(keyB).size() == 50);
        assertThat(numbersReceived(keyA)).isSorted().doesNotHaveDuplicates();
        assertThat(numbersReceived(keyB)).isSorted().doesNotHaveDuplicates();
        assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Integer.class))
            .isZero();
    }

    @Test
    void shouldNotPublishWhatRolledBack() {
        String key = "rolled-back-" + UUID.randomUUID();
        String committed = "committed-" + UUID.randomUUID();
        try {
            this.transactions.executeWithoutResult((status) -> {
                send(key, "Record", 1);
                throw new IllegalStateException("the state change failed");
            });
        }
        catch (IllegalStateException expected) {
            // The message must vanish with its transaction.
        }
        this.transactions.executeWithoutResult((status) -> send(committed, "Record", 2));
        await().atMost(Duration.ofSeconds(60)).until(() -> !numbersReceived(committed).isEmpty());
        assertThat(numbersReceived(key)).isEmpty();
    }

    @Test
    void shouldDeliverEverythingWrittenWhileTheRelayWasStoppedOnceItRestarts() {
        String key = "held-" + UUID.randomUUID();
        this.relay.stop();
        try {
            for (int i = 0; i < 20; i++) {
                int number = i;
                this.transactions.executeWithoutResult((status) -> send(key, "Record", number));
            }
            await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> numbersReceived(key).isEmpty());
            assertThat(this.jdbc.queryForObject(
                    "SELECT count(*) FROM outbox WHERE message_key = ? AND published_at IS NULL", Integer.class, key))
                .isEqualTo(20);
        }
        finally {
            this.relay.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> numbersReceived(key).size() == 20);
        assertThat(numbersReceived(key))
            .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void shouldRefuseToWriteOutsideATransaction() {
        EventEnvelope envelope = this.messages.create("Record", "saga-1", "key-1", Map.of("number", 1));
        assertThatIllegalStateException().isThrownBy(() -> this.outbox.append(COMMANDS, envelope))
            .withMessageContaining("transaction");
    }

    @Test
    void shouldHandleARedeliveredMessageOnce() throws Exception {
        String key = "twice-" + UUID.randomUUID();
        EventEnvelope envelope = this.messages.create("Record", "saga-" + key, key, Map.of("number", 7));
        EnvelopeRecords records = EnvelopeRecords.using(this.json);
        this.envelopeKafkaTemplate.send(records.toProducerRecord(COMMANDS, envelope)).get();
        this.envelopeKafkaTemplate.send(records.toProducerRecord(COMMANDS, envelope)).get();
        this.envelopeKafkaTemplate
            .send(records.toProducerRecord(COMMANDS,
                    this.messages.create("Record", "saga-" + key, key, Map.of("number", 8))))
            .get();
        await().atMost(Duration.ofSeconds(60)).until(() -> numbersReceived(key).contains(8));
        assertThat(numbersReceived(key)).containsExactly(7, 8);
    }

    @Test
    void shouldRetryATransientFailureAndThenSucceed() {
        String key = "flaky-" + UUID.randomUUID();
        flakyFailuresLeft.set(2);
        this.transactions.executeWithoutResult((status) -> send(key, "Flaky", 3));
        await().atMost(Duration.ofSeconds(60)).until(() -> numbersReceived(key).contains(3));
        assertThat(flakyFailuresLeft.get()).isZero();
    }

    @Test
    void shouldDeadLetterPoisonAndUnknownTypesAndKeepConsuming() {
        String key = "poison-" + UUID.randomUUID();
        this.transactions.executeWithoutResult((status) -> {
            send(key, "Poison", 1);
            send(key, "NobodyHandlesThis", 2);
            send(key, "Record", 3);
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> numbersReceived(key).contains(3));
        List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(key, 2);
        assertThat(dead).extracting((record) -> header(record, "type")).containsExactly("Poison", "NobodyHandlesThis");
        assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("poison on purpose");
        assertThat(header(dead.get(1), "kafka_dlt-exception-message")).contains("no handler for message type");
    }

    private void send(String key, String type, int number) {
        this.outbox.append(COMMANDS, this.messages.create(type, "saga-" + key, key, Map.of("number", number)));
    }

    private List<Integer> numbersReceived(String key) {
        return this.jdbc.queryForList("SELECT number FROM received WHERE message_key = ? ORDER BY seq", Integer.class,
                key);
    }

    private List<ConsumerRecord<String, byte[]>> readDeadLetters(String key, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                this.environment.getRequiredProperty("spring.kafka.bootstrap-servers"), ConsumerConfig.GROUP_ID_CONFIG,
                "dlq-reader-" + key, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(MessageSubscription.deadLetterTopicOf(COMMANDS)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
    }

    @SpringBootApplication
    static class App {

        @Bean
        MessageSubscription testCommands(JdbcTemplate jdbc, Messages messages) {
            return MessageSubscription.to(COMMANDS)
                .consumer("test-consumer")
                .on("Record", (envelope) -> record(jdbc, envelope))
                .on("Flaky", (envelope) -> {
                    if (flakyFailuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
                        throw new IllegalStateException("transient failure");
                    }
                    record(jdbc, envelope);
                })
                .on("Poison", (envelope) -> {
                    throw new NonRetryableMessageException("poison on purpose");
                })
                .build();
        }

        private static void record(JdbcTemplate jdbc, EventEnvelope envelope) {
            jdbc.update("INSERT INTO received (message_id, message_key, type, number) VALUES (?, ?, ?, ?)",
                    envelope.messageId(), envelope.aggregateId(), envelope.type(),
                    envelope.payload().get("number").asInt());
        }

    }

}
