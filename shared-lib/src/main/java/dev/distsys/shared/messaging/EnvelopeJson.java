package dev.distsys.shared.messaging;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Envelopes and payloads to and from JSON with Jackson 3. Thread-safe.
 *
 * <p>
 * Reading ignores envelope fields it does not know, so that a newer sender may add some
 * without breaking older consumers; every known field is validated as by
 * {@link EventEnvelope}. {@code occurredAt} is written as an RFC 3339 UTC string.
 */
public final class EnvelopeJson {

    private final JsonMapper mapper;

    private EnvelopeJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** A codec with its own mapper configured as described above. */
    public static EnvelopeJson create() {
        return new EnvelopeJson(JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build());
    }

    /**
     * A codec using the application's mapper for payloads (its modules and naming), while
     * envelope reading keeps the rules above.
     */
    public static EnvelopeJson using(JsonMapper mapper) {
        return new EnvelopeJson(mapper.rebuild()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build());
    }

    public String write(EventEnvelope envelope) {
        return this.mapper.writeValueAsString(envelope);
    }

    /**
     * @throws MalformedMessageException naming the envelope field that is missing or
     * invalid, or {@code envelope} when the text is not a JSON envelope at all
     */
    public EventEnvelope read(String json) {
        try {
            EventEnvelope envelope = this.mapper.readValue(json, EventEnvelope.class);
            if (envelope == null) {
                throw new MalformedMessageException("envelope", "is null");
            }
            return envelope;
        }
        catch (JacksonException ex) {
            throw translate(ex);
        }
    }

    /** The payload for an envelope, from a record or map. */
    public JsonNode payloadOf(Object value) {
        JsonNode node = this.mapper.valueToTree(value);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a payload must serialize to a JSON object, " + value + " does not");
        }
        return node;
    }

    /**
     * The envelope's payload as {@code type}.
     * @throws MalformedMessageException naming {@code payload.<path>} when it does not
     * fit
     */
    public <T> T payload(EventEnvelope envelope, Class<T> type) {
        try {
            return this.mapper.treeToValue(envelope.payload(), type);
        }
        catch (JacksonException ex) {
            String path = ex.getPath().isEmpty() ? "payload" : "payload" + JsonPaths.of(ex.getPath(), true);
            throw new MalformedMessageException(path,
                    "does not fit " + type.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
        }
    }

    /** Parses a payload, e.g. a Kafka record value; the field is named by the caller. */
    JsonNode readPayload(byte[] json, String field) {
        try {
            JsonNode node = this.mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw new MalformedMessageException(field, "must be a JSON object");
            }
            return node;
        }
        catch (JacksonException ex) {
            throw new MalformedMessageException(field, "is not JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    byte[] writePayload(JsonNode payload) {
        return this.mapper.writeValueAsBytes(payload);
    }

    private static MalformedMessageException translate(JacksonException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof MalformedMessageException malformed) {
                return malformed;
            }
        }
        String field = ex.getPath().isEmpty() ? "envelope" : JsonPaths.of(ex.getPath(), false);
        return new MalformedMessageException(field, "is malformed: " + ex.getOriginalMessage(), ex);
    }

}
