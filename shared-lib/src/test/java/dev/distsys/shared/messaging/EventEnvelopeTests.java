package dev.distsys.shared.messaging;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventEnvelopeTests {

    private final EnvelopeJson json = EnvelopeJson.create();

    @Test
    void shouldRoundTripThroughJson() {
        EventEnvelope envelope = Envelopes.reserveStock();
        String text = this.json.write(envelope);
        assertThat(text).contains("\"occurredAt\":\"2026-01-02T03:04:05.123Z\"")
            .contains("\"payload\":{\"orderId\":\"order-1\"");
        assertThat(this.json.read(text)).isEqualTo(envelope);
    }

    @Test
    void shouldKeepItsOwnCopyOfThePayload() {
        EventEnvelope envelope = Envelopes.reserveStock();
        ((ObjectNode) envelope.payload()).put("orderId", "changed");
        assertThat(envelope.payload().get("orderId").asString()).isEqualTo("order-1");
    }

    @Test
    void shouldConvertPayloadsToAndFromRecords() {
        record Item(String sku, int quantity) {
        }
        JsonNode payload = this.json.payloadOf(new Item("SKU-9", 3));
        EventEnvelope envelope = with(Envelopes.reserveStock(), payload);
        assertThat(this.json.payload(envelope, Item.class)).isEqualTo(new Item("SKU-9", 3));
    }

    @Test
    void shouldNameThePayloadFieldThatDoesNotFit() {
        record Item(String sku, int quantity) {
        }
        EventEnvelope envelope = with(Envelopes.reserveStock(),
                JsonMapper.shared().readTree("{\"sku\":\"a\",\"quantity\":\"lots\"}"));
        assertThatExceptionOfType(MalformedMessageException.class)
            .isThrownBy(() -> this.json.payload(envelope, Item.class))
            .satisfies((ex) -> assertThat(ex.field()).isEqualTo("payload.quantity"));
    }

    @Test
    void shouldIgnoreEnvelopeFieldsItDoesNotKnow() {
        String text = this.json.write(Envelopes.reserveStock()).replaceFirst("\\{", "{\"addedLater\":true,");
        assertThat(this.json.read(text)).isEqualTo(Envelopes.reserveStock());
    }

    @Test
    void shouldNameTheMissingOrInvalidField() {
        String valid = this.json.write(Envelopes.reserveStock());
        assertMalformed(valid.replace("\"sagaId\":\"saga-1\",", ""), "sagaId");
        assertMalformed(valid.replace("\"lamport\":7", "\"lamport\":\"seven\""), "lamport");
        assertMalformed(valid.replace("\"lamport\":7", "\"lamport\":null"), "lamport");
        assertMalformed(valid.replace("\"lamport\":7,", ""), "lamport");
        assertMalformed(valid.replace("00f067aa0ba902b7", "xyz"), "traceparent");
        assertMalformed(valid.replace("2026-01-02T03:04:05.123Z", "yesterday"), "occurredAt");
        assertMalformed(valid.replace("\"messageId\":\"msg-1\"", "\"messageId\":\"has space\""), "messageId");
        assertMalformed(valid.replaceFirst("\"payload\":\\{.*}}$", "\"payload\":[1]}"), "payload");
        assertMalformed("{\"messageId\":", "envelope");
        assertMalformed("[]", "envelope");
        assertMalformed("null", "envelope");
        assertMalformed(valid + " trailing", "envelope");
    }

    @Test
    void shouldRejectInvalidEnvelopesAtConstruction() {
        assertThatExceptionOfType(MalformedMessageException.class)
            .isThrownBy(() -> new EventEnvelope("m", "T", "s", "a", 0, Envelopes.TRACEPARENT, Instant.EPOCH, "svc",
                    JsonMapper.shared().createObjectNode()))
            .satisfies((ex) -> assertThat(ex.field()).isEqualTo("lamport"));
    }

    private void assertMalformed(String text, String field) {
        assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.json.read(text))
            .satisfies((ex) -> assertThat(ex.field()).as(ex.getMessage()).isEqualTo(field));
    }

    private static EventEnvelope with(EventEnvelope e, JsonNode payload) {
        return new EventEnvelope(e.messageId(), e.type(), e.sagaId(), e.aggregateId(), e.lamport(), e.traceparent(),
                e.occurredAt(), e.source(), payload);
    }

}
