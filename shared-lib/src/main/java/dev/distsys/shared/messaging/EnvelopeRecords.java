package dev.distsys.shared.messaging;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import tools.jackson.databind.JsonNode;

/**
 * Envelopes to and from Kafka records: key = aggregate id (so one aggregate's messages
 * stay in order on one partition), value = payload JSON, metadata in
 * {@link EnvelopeHeaders}. Thread-safe.
 *
 * <p>
 * Reading validates everything: a missing or garbled header, key or value throws a
 * {@link MalformedMessageException} whose {@link MalformedMessageException#field()} is
 * that header's name (or {@code key} / {@code value}), so that a consumer can send the
 * record to its dead-letter topic with a precise reason.
 */
public final class EnvelopeRecords {

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,19}");

    private final EnvelopeJson json;

    private EnvelopeRecords(EnvelopeJson json) {
        this.json = json;
    }

    public static EnvelopeRecords using(EnvelopeJson json) {
        return new EnvelopeRecords(json);
    }

    public ProducerRecord<String, byte[]> toProducerRecord(String topic, EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, envelope.aggregateId(),
                this.json.writePayload(envelope.payload()));
        writeHeaders(envelope, record.headers());
        return record;
    }

    /** Sets (replacing) the envelope's headers; the key and value are the caller's. */
    public void writeHeaders(EventEnvelope envelope, Headers headers) {
        put(headers, EnvelopeHeaders.MESSAGE_ID, envelope.messageId());
        put(headers, EnvelopeHeaders.TYPE, envelope.type());
        put(headers, EnvelopeHeaders.SAGA_ID, envelope.sagaId());
        put(headers, EnvelopeHeaders.LAMPORT, Long.toString(envelope.lamport()));
        put(headers, EnvelopeHeaders.TRACEPARENT, envelope.traceparent());
        put(headers, EnvelopeHeaders.OCCURRED_AT, envelope.occurredAt().toString());
        put(headers, EnvelopeHeaders.SOURCE, envelope.source());
    }

    /**
     * @throws MalformedMessageException naming the header, {@code key} or {@code value}
     * that is missing or invalid
     */
    public EventEnvelope fromConsumerRecord(ConsumerRecord<String, byte[]> record) {
        return read(record.key(), record.value(), record.headers());
    }

    /** As {@link #fromConsumerRecord}, from the parts of a record. */
    public EventEnvelope read(String key, byte[] value, Headers headers) {
        String messageId = text(headers, EnvelopeHeaders.MESSAGE_ID);
        String type = text(headers, EnvelopeHeaders.TYPE);
        String sagaId = text(headers, EnvelopeHeaders.SAGA_ID);
        long lamport = lamport(text(headers, EnvelopeHeaders.LAMPORT));
        String traceparent = text(headers, EnvelopeHeaders.TRACEPARENT);
        Instant occurredAt = instant(text(headers, EnvelopeHeaders.OCCURRED_AT));
        String source = text(headers, EnvelopeHeaders.SOURCE);
        if (key == null) {
            throw new MalformedMessageException(EnvelopeHeaders.KEY, "is missing (it must be the aggregate id)");
        }
        if (value == null) {
            throw new MalformedMessageException(EnvelopeHeaders.VALUE, "is missing (a tombstone is not a message)");
        }
        JsonNode payload = this.json.readPayload(value, EnvelopeHeaders.VALUE);
        try {
            return new EventEnvelope(messageId, type, sagaId, key, lamport, traceparent, occurredAt, source, payload);
        }
        catch (MalformedMessageException ex) {
            String header = EnvelopeHeaders.BY_FIELD.getOrDefault(ex.field(), ex.field());
            throw new MalformedMessageException(header, ex.reason(), ex);
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The last value of the header: a tracing interceptor may have re-added it. */
    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new MalformedMessageException(name, "header is missing");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(header.value()))
                .toString();
        }
        catch (CharacterCodingException ex) {
            throw new MalformedMessageException(name, "header is not UTF-8 text", ex);
        }
    }

    private static long lamport(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new MalformedMessageException(EnvelopeHeaders.LAMPORT,
                    "header is not a decimal number: " + shown(text));
        }
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException ex) {
            throw new MalformedMessageException(EnvelopeHeaders.LAMPORT, "header is out of range: " + shown(text), ex);
        }
    }

    /** Garbage can be long: a reason quotes at most its start. */
    private static String shown(String text) {
        return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException ex) {
            throw new MalformedMessageException(EnvelopeHeaders.OCCURRED_AT,
                    "header is not an RFC 3339 instant: " + shown(text), ex);
        }
    }

}
