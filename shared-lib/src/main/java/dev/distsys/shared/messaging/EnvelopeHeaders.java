package dev.distsys.shared.messaging;

import java.util.Map;

/**
 * The Kafka header names that carry an envelope's metadata. Values are UTF-8 text (the
 * Lamport time in decimal, {@code occurred-at} in RFC 3339 UTC), so that console tools
 * show them as they are. The record key is the aggregate id; the record value is the
 * payload JSON.
 */
public final class EnvelopeHeaders {

    public static final String MESSAGE_ID = "message-id";

    public static final String TYPE = "type";

    public static final String SAGA_ID = "saga-id";

    public static final String LAMPORT = "lamport";

    public static final String TRACEPARENT = "traceparent";

    public static final String OCCURRED_AT = "occurred-at";

    public static final String SOURCE = "source";

    /** Names the record key in a {@link MalformedMessageException}. */
    public static final String KEY = "key";

    /** Names the record value in a {@link MalformedMessageException}. */
    public static final String VALUE = "value";

    /** Envelope field to where it travels on a Kafka record. */
    static final Map<String, String> BY_FIELD = Map.of("messageId", MESSAGE_ID, "type", TYPE, "sagaId", SAGA_ID,
            "aggregateId", KEY, "lamport", LAMPORT, "traceparent", TRACEPARENT, "occurredAt", OCCURRED_AT, "source",
            SOURCE, "payload", VALUE);

    private EnvelopeHeaders() {
    }

}
