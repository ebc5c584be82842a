package dev.distsys.shared.messaging;

import java.time.Instant;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What every message between services carries: who sent what, in which saga, about which
 * aggregate, when (Lamport and wall clock), in which trace, and the payload itself.
 *
 * <p>
 * The payload is a Jackson {@link JsonNode} object rather than a raw JSON string: it is
 * known to be well-formed JSON when the envelope exists, it nests as a real object when
 * the envelope is stored as JSON (outbox, dead-letter topic, saga log) instead of being
 * escaped twice, it compares structurally, and {@link EnvelopeJson#payload} turns it into
 * a typed record. The envelope keeps its own copy, so it is a value.
 *
 * @param messageId unique per message; consumers deduplicate on it
 * @param type the message type, e.g. {@code ReserveStock} or {@code OrderApproved}
 * @param sagaId the saga this message belongs to
 * @param aggregateId the aggregate it is about (e.g. the order id); the Kafka key
 * @param lamport the sender's Lamport time at sending, at least 1
 * @param traceparent the W3C trace context of the sending span
 * @param occurredAt when the sender created it (wall clock: for people, not ordering)
 * @param source the sending service, e.g. {@code order-service}
 * @param payload the message body: a JSON object
 */
public record EventEnvelope(String messageId, String type, String sagaId, String aggregateId, long lamport,
        String traceparent, Instant occurredAt, String source, JsonNode payload) {

    /** The contract's id syntax: 1-100 characters of {@code [A-Za-z0-9._:-]}. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /**
     * @throws MalformedMessageException naming the first invalid field
     */
    public EventEnvelope {
        requireId(messageId, "messageId");
        requireId(type, "type");
        requireId(sagaId, "sagaId");
        requireId(aggregateId, "aggregateId");
        if (lamport < 1) {
            throw new MalformedMessageException("lamport", "must be at least 1, was " + lamport);
        }
        Traceparent.requireValid(traceparent, "traceparent");
        if (occurredAt == null) {
            throw new MalformedMessageException("occurredAt", "is missing");
        }
        requireId(source, "source");
        if (payload == null || payload.isMissingNode() || payload.isNull()) {
            throw new MalformedMessageException("payload", "is missing");
        }
        if (!payload.isObject()) {
            throw new MalformedMessageException("payload", "must be a JSON object, was " + payload.getNodeType());
        }
        payload = payload.deepCopy();
    }

    /** A copy of the payload: changing it does not change the envelope. */
    @Override
    public JsonNode payload() {
        return this.payload.deepCopy();
    }

    private static void requireId(String value, String field) {
        if (value == null) {
            throw new MalformedMessageException(field, "is missing");
        }
        if (!ID.matcher(value).matches()) {
            throw new MalformedMessageException(field, "must be 1-100 characters of [A-Za-z0-9._:-]");
        }
    }

}
