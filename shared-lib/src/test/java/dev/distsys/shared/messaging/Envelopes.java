package dev.distsys.shared.messaging;

import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;

/** A valid envelope to vary in tests. */
final class Envelopes {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private Envelopes() {
    }

    static EventEnvelope reserveStock() {
        return new EventEnvelope("msg-1", "ReserveStock", "saga-1", "order-1", 7, TRACEPARENT,
                Instant.parse("2026-01-02T03:04:05.123Z"), "order-service", JsonMapper.shared()
                    .readTree("{\"orderId\":\"order-1\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2}]}"));
    }

}
