package dev.distsys.shared.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnvelopeRecordsTests {

    private final EnvelopeRecords records = EnvelopeRecords.using(EnvelopeJson.create());

    @Test
    void shouldKeyByAggregateAndCarryMetadataInHeaders() {
        ProducerRecord<String, byte[]> record = this.records.toProducerRecord("inventory.commands",
                Envelopes.reserveStock());
        assertThat(record.topic()).isEqualTo("inventory.commands");
        assertThat(record.key()).isEqualTo("order-1");
        assertThat(header(record.headers(), EnvelopeHeaders.MESSAGE_ID)).isEqualTo("msg-1");
        assertThat(header(record.headers(), EnvelopeHeaders.SAGA_ID)).isEqualTo("saga-1");
        assertThat(header(record.headers(), EnvelopeHeaders.TYPE)).isEqualTo("ReserveStock");
        assertThat(header(record.headers(), EnvelopeHeaders.LAMPORT)).isEqualTo("7");
        assertThat(header(record.headers(), EnvelopeHeaders.TRACEPARENT)).isEqualTo(Envelopes.TRACEPARENT);
        assertThat(header(record.headers(), EnvelopeHeaders.OCCURRED_AT)).isEqualTo("2026-01-02T03:04:05.123Z");
        assertThat(header(record.headers(), EnvelopeHeaders.SOURCE)).isEqualTo("order-service");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).startsWith("{\"orderId\":\"order-1\"");
    }

    @Test
    void shouldRoundTripThroughAKafkaRecord() {
        assertThat(this.records.fromConsumerRecord(received(Envelopes.reserveStock())))
            .isEqualTo(Envelopes.reserveStock());
    }

    @Test
    void shouldReadTheLastValueOfARepeatedHeader() {
        ConsumerRecord<String, byte[]> record = received(Envelopes.reserveStock());
        String newer = "00-11111111111111111111111111111111-2222222222222222-01";
        record.headers().add(EnvelopeHeaders.TRACEPARENT, newer.getBytes(StandardCharsets.UTF_8));
        assertThat(this.records.fromConsumerRecord(record).traceparent()).isEqualTo(newer);
    }

    @ParameterizedTest
    @ValueSource(strings = { EnvelopeHeaders.MESSAGE_ID, EnvelopeHeaders.TYPE, EnvelopeHeaders.SAGA_ID,
            EnvelopeHeaders.LAMPORT, EnvelopeHeaders.TRACEPARENT, EnvelopeHeaders.OCCURRED_AT, EnvelopeHeaders.SOURCE })
    void shouldNameAMissingHeader(String name) {
        ConsumerRecord<String, byte[]> record = received(Envelopes.reserveStock());
        record.headers().remove(name);
        assertMalformed(record, name, "missing");
    }

    @Test
    void shouldNameAGarbledHeader() {
        assertGarbled(EnvelopeHeaders.LAMPORT, "-1");
        assertGarbled(EnvelopeHeaders.LAMPORT, "0");
        assertGarbled(EnvelopeHeaders.LAMPORT, "seven");
        assertGarbled(EnvelopeHeaders.LAMPORT, "99999999999999999999");
        assertGarbled(EnvelopeHeaders.TRACEPARENT, "00-zz");
        assertGarbled(EnvelopeHeaders.OCCURRED_AT, "2026-13-01");
        assertGarbled(EnvelopeHeaders.MESSAGE_ID, "");
        assertGarbled(EnvelopeHeaders.SAGA_ID, "x".repeat(101));
        ConsumerRecord<String, byte[]> record = received(Envelopes.reserveStock());
        record.headers().remove(EnvelopeHeaders.TYPE);
        record.headers().add(EnvelopeHeaders.TYPE, new byte[] { (byte) 0xC3, (byte) 0x28 });
        assertMalformed(record, EnvelopeHeaders.TYPE, "UTF-8");
    }

    @Test
    void shouldNameAMissingKeyOrAGarbledValue() {
        ProducerRecord<String, byte[]> sent = this.records.toProducerRecord("t", Envelopes.reserveStock());
        assertMalformed(consumed(null, sent.value(), sent.headers()), EnvelopeHeaders.KEY, "missing");
        assertMalformed(consumed("has space", sent.value(), sent.headers()), EnvelopeHeaders.KEY, "characters");
        assertMalformed(consumed("order-1", null, sent.headers()), EnvelopeHeaders.VALUE, "tombstone");
        assertMalformed(consumed("order-1", "{not json".getBytes(StandardCharsets.UTF_8), sent.headers()),
                EnvelopeHeaders.VALUE, "not JSON");
        assertMalformed(consumed("order-1", "[1]".getBytes(StandardCharsets.UTF_8), sent.headers()),
                EnvelopeHeaders.VALUE, "object");
    }

    private void assertGarbled(String name, String value) {
        ConsumerRecord<String, byte[]> record = received(Envelopes.reserveStock());
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        assertMalformed(record, name, "");
    }

    private void assertMalformed(ConsumerRecord<String, byte[]> record, String field, String reason) {
        assertThatExceptionOfType(MalformedMessageException.class)
            .isThrownBy(() -> this.records.fromConsumerRecord(record))
            .satisfies((ex) -> assertThat(ex.field()).as(ex.getMessage()).isEqualTo(field))
            .withMessageContaining(reason);
    }

    private ConsumerRecord<String, byte[]> received(EventEnvelope envelope) {
        ProducerRecord<String, byte[]> sent = this.records.toProducerRecord("t", envelope);
        return consumed(sent.key(), sent.value(), sent.headers());
    }

    private static ConsumerRecord<String, byte[]> consumed(String key, byte[] value, Headers headers) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("t", 0, 0L, key, value);
        headers.forEach((header) -> record.headers().add(header));
        return record;
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

}
