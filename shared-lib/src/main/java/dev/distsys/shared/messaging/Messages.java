package dev.distsys.shared.messaging;

import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.distsys.shared.clock.LamportClock;

/**
 * Makes the envelopes a service sends: a fresh message id, the service's Lamport time
 * (ticked per send), the sending service's name, and a W3C trace context that continues
 * the cause's trace.
 */
public final class Messages {

    private final LamportClock clock;

    private final String source;

    private final EnvelopeJson json;

    private final Clock wallClock;

    public Messages(LamportClock clock, String source, EnvelopeJson json, Clock wallClock) {
        this.clock = clock;
        this.source = source;
        this.json = json;
        this.wallClock = wallClock;
    }

    /** A message that starts a new trace, e.g. the first command of a saga. */
    public EventEnvelope create(String type, String sagaId, String aggregateId, Object payload) {
        return envelope(type, sagaId, aggregateId, newTraceparent(randomHex(16)), payload);
    }

    /** A message caused by {@code cause}: same saga, aggregate and trace, a new span. */
    public EventEnvelope causedBy(EventEnvelope cause, String type, Object payload) {
        return envelope(type, cause.sagaId(), cause.aggregateId(), newTraceparent(traceId(cause.traceparent())),
                payload);
    }

    /**
     * A message of a saga whose last message is not at hand, continuing a stored trace
     * id.
     */
    public EventEnvelope inTrace(String traceId, String type, String sagaId, String aggregateId, Object payload) {
        return envelope(type, sagaId, aggregateId, newTraceparent(traceId), payload);
    }

    /** Merges a delivered message's Lamport time into this service's clock. */
    public long received(EventEnvelope envelope) {
        return this.clock.receive(envelope.lamport());
    }

    /** The payload of {@code envelope} as {@code type}. */
    public <T> T payload(EventEnvelope envelope, Class<T> type) {
        return this.json.payload(envelope, type);
    }

    /** The trace id (32 hex digits) of a W3C traceparent. */
    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    private EventEnvelope envelope(String type, String sagaId, String aggregateId, String traceparent, Object payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), type, sagaId, aggregateId, this.clock.tick(),
                traceparent, this.wallClock.instant(), this.source, this.json.payloadOf(payload));
    }

    private static String newTraceparent(String traceId) {
        return "00-" + traceId + "-" + randomHex(8) + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // all-zero ids are invalid in W3C trace context
        return HexFormat.of().formatHex(random);
    }

}
