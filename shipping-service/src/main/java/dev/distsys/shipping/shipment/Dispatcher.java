package dev.distsys.shipping.shipment;

import java.util.List;

import dev.distsys.shared.messaging.Messages;
import dev.distsys.shared.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dispatches due shipments, one batch per transaction, and announces each with a
 * {@code ShipmentDispatched} written to the outbox in that transaction. Safe with any
 * number of instances: {@code FOR UPDATE SKIP LOCKED} gives each batch rows no other
 * transaction holds, and a CancelShipment that locked a shipment first wins it (the
 * status is checked again on the locked row).
 */
@Component
class Dispatcher {

    static final String REPLIES = "order.saga-replies";

    private final JdbcTemplate jdbc;

    private final Outbox outbox;

    private final Messages messages;

    private final MeterRegistry meters;

    Dispatcher(JdbcTemplate jdbc, Outbox outbox, Messages messages, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.messages = messages;
        this.meters = meters;
    }

    /**
     * Dispatches up to {@code batchSize} shipments whose dispatch time has passed.
     * @return how many were dispatched
     */
    @Transactional
    public int dispatchBatch(int batchSize) {
        List<Due> due = this.jdbc.query("""
                SELECT shipment_id, order_id, carrier, saga_id, trace_id FROM shipment
                WHERE status = 'CREATED' AND dispatch_after <= clock_timestamp()
                ORDER BY dispatch_after
                LIMIT ?
                FOR UPDATE SKIP LOCKED""", (rs, row) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5)), batchSize);
        for (Due shipment : due) {
            this.jdbc.update(
                    "UPDATE shipment SET status = 'DISPATCHED', dispatched_at = clock_timestamp() WHERE shipment_id = ?",
                    shipment.shipmentId());
            this.outbox.append(REPLIES,
                    this.messages.inTrace(shipment.traceId(), "ShipmentDispatched", shipment.sagaId(),
                            shipment.orderId(),
                            new ShipmentDispatched(shipment.orderId(), shipment.shipmentId(), shipment.carrier())));
        }
        this.meters.counter("shipping.shipments.dispatched").increment(due.size());
        return due.size();
    }

    private record Due(String shipmentId, String orderId, String carrier, String sagaId, String traceId) {
    }

    /** The payload of the unasked reply of docs/saga-messages.md. */
    record ShipmentDispatched(String orderId, String shipmentId, String carrier) {
    }

}
