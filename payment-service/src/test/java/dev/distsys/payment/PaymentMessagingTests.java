package dev.distsys.payment;

import dev.distsys.shared.testing.KafkaProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.distsys.payment.account.Account;
import dev.distsys.payment.account.Accounts;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every payment command and reply of docs/saga-messages.md, end to end through Kafka, the
 * inbox and the outbox: commands go to {@code payment.commands}, replies are read from
 * {@code order.saga-replies}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "payments")
class PaymentMessagingTests {

    private static final String COMMANDS = "payment.commands";

    @Autowired
    Messages messages;

    @Autowired
    EnvelopeJson json;

    @Autowired
    KafkaTemplate<String, byte[]> envelopeKafkaTemplate;

    @Autowired
    MessageConsumers consumers;

    @Autowired
    Accounts accounts;

    @Autowired
    Environment environment;

    private KafkaProbe replies;

    private String orderId;

    private String customerId;

    @BeforeEach
    void setUp() {
        await().atMost(Duration.ofSeconds(60)).until(this.consumers::allAssigned);
        this.replies = new KafkaProbe(bootstrapServers(), "order.saga-replies", this.json);
        this.orderId = "O-" + UUID.randomUUID();
        this.customerId = "C-" + UUID.randomUUID();
        this.accounts.setBalance(this.customerId, 10_000);
    }

    @AfterEach
    void tearDown() {
        this.replies.close();
    }

    @Test
    void shouldAuthorizeByHoldingTheAmountAndReplyInTheSameSagaAndTrace() {
        EventEnvelope command = send("AuthorizePayment", authorize(2_500));

        EventEnvelope reply = this.replies.awaitEnvelopes(this.orderId, 1).get(0);

        assertThat(reply.type()).isEqualTo("PaymentAuthorized");
        assertThat(reply.sagaId()).isEqualTo(command.sagaId());
        assertThat(Messages.traceId(reply.traceparent())).isEqualTo(Messages.traceId(command.traceparent()));
        assertThat(reply.source()).isEqualTo("payment-service");
        assertThat(reply.payload().get("orderId").asString()).isEqualTo(this.orderId);
        assertThat(reply.payload().get("amountCents").asLong()).isEqualTo(2_500);
        assertAccount(7_500, 2_500, 0);
    }

    @Test
    void shouldDeclineAnAmountAboveTheBalanceAndHoldNothing() {
        send("AuthorizePayment", authorize(10_001));

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 1);

        assertThat(replies).extracting(EventEnvelope::type).containsExactly("PaymentDeclined");
        assertThat(replies.get(0).payload().get("reason").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertAccount(10_000, 0, 0);
    }

    @Test
    void shouldDeclineAnUnknownAccount() {
        send("AuthorizePayment",
                Map.of("orderId", this.orderId, "customerId", "NOBODY-" + UUID.randomUUID(), "amountCents", 1));

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 1);

        assertThat(replies).extracting(EventEnvelope::type).containsExactly("PaymentDeclined");
        assertThat(replies.get(0).payload().get("reason").asString()).isEqualTo("UNKNOWN_ACCOUNT");
    }

    @Test
    void shouldCaptureExactlyOnceAndRefundOnCancellation() {
        send("AuthorizePayment", authorize(2_500));
        send("CapturePayment", order());
        send("CapturePayment", order());
        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 3);
        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("PaymentAuthorized", "PaymentCaptured", "PaymentCaptured");
        assertThat(replies.get(2).payload().get("amountCents").asLong()).isEqualTo(2_500);
        assertAccount(7_500, 0, 2_500);

        send("RefundPayment", order());
        send("RefundPayment", order());

        replies = this.replies.awaitEnvelopes(this.orderId, 5);
        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("PaymentAuthorized", "PaymentCaptured", "PaymentCaptured", "PaymentRefunded",
                    "PaymentRefunded");
        assertThat(replies.subList(3, 5))
            .allSatisfy((reply) -> assertThat(reply.payload().get("amountCents").asLong()).isEqualTo(2_500));
        assertAccount(10_000, 0, 0);
    }

    @Test
    void shouldVoidIdempotentlyAndHoldNothingForALateAuthorization() {
        send("AuthorizePayment", authorize(2_500));
        send("VoidPayment", order());
        send("VoidPayment", order());
        send("AuthorizePayment", authorize(2_500));

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 4);

        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("PaymentAuthorized", "PaymentVoided", "PaymentVoided", "PaymentDeclined");
        assertThat(replies.get(1).payload().get("orderId").asString()).isEqualTo(this.orderId);
        assertThat(replies.get(3).payload().get("reason").asString()).isEqualTo("VOIDED");
        assertAccount(10_000, 0, 0);
    }

    @Test
    void shouldAcceptCompensationsOfAnOrderThatHoldsNothing() {
        send("VoidPayment", order());
        send("RefundPayment", order());
        send("AuthorizePayment", authorize(1));

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 3);

        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("PaymentVoided", "PaymentRefunded", "PaymentDeclined");
        assertThat(replies.get(1).payload().get("amountCents").asLong()).isZero();
        assertAccount(10_000, 0, 0);
    }

    @Test
    void shouldHandleTheSameMessageDeliveredTwiceOnce() {
        EventEnvelope authorize = this.messages.create("AuthorizePayment", "saga-" + this.orderId, this.orderId,
                authorize(2_500));
        publish(authorize);
        publish(authorize);
        EventEnvelope capture = this.messages.create("CapturePayment", "saga-" + this.orderId, this.orderId, order());
        publish(capture);
        publish(capture);
        send("VoidPayment", order());

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 3);

        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("PaymentAuthorized", "PaymentCaptured", "PaymentVoided");
        assertAccount(10_000, 0, 0);
    }

    @Test
    void shouldAnswerARepeatedAuthorizationAsTheFirstWithoutHoldingTwice() {
        send("AuthorizePayment", authorize(2_500));
        send("AuthorizePayment", authorize(2_500));
        send("CapturePayment", order());

        List<EventEnvelope> replies = this.replies.awaitEnvelopes(this.orderId, 3);

        assertThat(replies).extracting(EventEnvelope::type)
            .containsExactly("PaymentAuthorized", "PaymentAuthorized", "PaymentCaptured");
        assertThat(replies.get(1).payload()).isEqualTo(replies.get(0).payload());
        assertAccount(7_500, 0, 2_500);
    }

    @Test
    void shouldDeadLetterWhatCanNeverBeHandledAndReplyToNothingOfIt() {
        send("AuthorizePayment", Map.of("orderId", this.orderId, "customerId", this.customerId, "amountCents", "lots"));
        send("AuthorizePayment", Map.of("orderId", this.orderId, "customerId", this.customerId, "amountCents", -5));
        send("AuthorizePayment", Map.of("orderId", "another-order", "customerId", this.customerId, "amountCents", 5));
        send("CapturePayment", order());
        send("VoidPayment", order());

        try (KafkaProbe deadLetters = new KafkaProbe(bootstrapServers(), COMMANDS + ".dlq", this.json)) {
            List<ConsumerRecord<String, byte[]>> dead = deadLetters.awaitRecords(this.orderId, 4);
            assertThat(dead).extracting((record) -> header(record, "type"))
                .containsExactly("AuthorizePayment", "AuthorizePayment", "AuthorizePayment", "CapturePayment");
            assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("payload.amountCents");
            assertThat(header(dead.get(1), "kafka_dlt-exception-message")).contains("payload.amountCents");
            assertThat(header(dead.get(2), "kafka_dlt-exception-message")).contains("is not the message key");
            assertThat(header(dead.get(3), "kafka_dlt-exception-message")).contains("no authorized payment");
        }
        assertThat(this.replies.awaitEnvelopes(this.orderId, 1)).extracting(EventEnvelope::type)
            .containsExactly("PaymentVoided");
        assertAccount(10_000, 0, 0);
    }

    private Map<String, Object> authorize(long amountCents) {
        return Map.of("orderId", this.orderId, "customerId", this.customerId, "amountCents", amountCents);
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

    private void assertAccount(long balanceCents, long heldCents, long capturedCents) {
        Account account = this.accounts.find(this.customerId).orElseThrow();
        assertThat(account).extracting(Account::balanceCents, Account::heldCents, Account::capturedCents)
            .containsExactly(balanceCents, heldCents, capturedCents);
    }

    private String bootstrapServers() {
        return this.environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
    }

}
