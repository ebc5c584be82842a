package dev.distsys.shipping.shipment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.distsys.shipping.ShippingProperties;
import dev.distsys.shipping.carrier.Carriers;
import dev.distsys.shipping.shipment.CancellationOutcome.AlreadyDispatched;
import dev.distsys.shipping.shipment.CancellationOutcome.Cancelled;
import dev.distsys.shipping.shipment.ShipmentOutcome.Created;
import dev.distsys.shipping.shipment.ShipmentOutcome.Rejected;
import dev.distsys.shipping.shipment.ShipmentOutcome.RejectionReason;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga's operations on an order's shipment. Each runs in the caller's transaction
 * (the one that records the command in the inbox) and is idempotent per order: the
 * order's {@code shipping_order} row is locked first, so the commands of one order are
 * serialised, and its status says what was done before. A unique partial index backs the
 * rule of one shipment per order that is not cancelled.
 */
@Service
public class Shipments {

    private static final RowMapper<Shipment> SHIPMENT = (rs, row) -> new Shipment(rs.getString("shipment_id"),
            rs.getString("order_id"), rs.getString("status"), rs.getString("carrier"),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    private final Carriers carriers;

    private final ShippingProperties properties;

    private final MeterRegistry meters;

    Shipments(JdbcTemplate jdbc, Carriers carriers, ShippingProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.carriers = carriers;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Creates the order's shipment with the carrier its id hashes to among the available
     * ones, due for dispatch after the configured delay. A repeat answers what the first
     * command did.
     * @param sagaId the saga of the command, for the ShipmentDispatched sent later
     * @param traceId the trace of the command, continued by the ShipmentDispatched
     */
    @Transactional
    public ShipmentOutcome create(String orderId, String customerId, String sagaId, String traceId) {
        String status = lockOrder(orderId);
        ShipmentOutcome outcome = switch (status) {
            case "OPEN" -> live(orderId)
                .map((shipment) -> (ShipmentOutcome) new Created(shipment.shipmentId(), shipment.carrier()))
                .orElseThrow(() -> new IllegalStateException("open order " + orderId + " has no live shipment"));
            case "REJECTED" -> new Rejected(RejectionReason.NO_CARRIER_AVAILABLE);
            case "CANCELLED" -> new Rejected(RejectionReason.CANCELLED);
            case "NEW" -> createNow(orderId, customerId, sagaId, traceId);
            default -> throw new IllegalStateException("order " + orderId + " has unknown shipping status " + status);
        };
        String tag = switch (outcome) {
            case Created created -> "CREATED";
            case Rejected rejected -> rejected.reason().name();
        };
        this.meters
            .counter("shipping.shipments.created", "outcome", tag, "repeat", Boolean.toString(!"NEW".equals(status)))
            .increment();
        return outcome;
    }

    /**
     * Cancels the order's shipment unless it was dispatched; an order without one is
     * marked cancelled, so that a late CreateShipment ships nothing.
     */
    @Transactional
    public CancellationOutcome cancel(String orderId) {
        lockOrder(orderId);
        Optional<Shipment> live = live(orderId);
        if (live.isPresent() && "DISPATCHED".equals(live.get().status())) {
            this.meters.counter("shipping.shipments.cancelled", "outcome", "ALREADY_DISPATCHED").increment();
            return new AlreadyDispatched(live.get().shipmentId());
        }
        live.ifPresent((shipment) -> this.jdbc.update(
                "UPDATE shipment SET status = 'CANCELLED', cancelled_at = clock_timestamp() WHERE shipment_id = ?",
                shipment.shipmentId()));
        setStatus(orderId, "CANCELLED");
        this.meters.counter("shipping.shipments.cancelled", "outcome", live.isPresent() ? "CANCELLED" : "NONE")
            .increment();
        return new Cancelled();
    }

    /** The order's shipments, oldest first. */
    @Transactional(readOnly = true)
    public List<Shipment> ofOrder(String orderId) {
        return this.jdbc.query("""
                SELECT shipment_id, order_id, status, carrier, created_at FROM shipment
                WHERE order_id = ? ORDER BY created_at, shipment_id""", SHIPMENT, orderId);
    }

    private ShipmentOutcome createNow(String orderId, String customerId, String sagaId, String traceId) {
        Optional<String> carrier = this.carriers.choose(orderId);
        if (carrier.isEmpty()) {
            setStatus(orderId, "REJECTED");
            return new Rejected(RejectionReason.NO_CARRIER_AVAILABLE);
        }
        String shipmentId = "SH-" + UUID.randomUUID();
        this.jdbc.update("""
                INSERT INTO shipment (shipment_id, order_id, customer_id, status, carrier, saga_id, trace_id,
                    dispatch_after)
                VALUES (?, ?, ?, 'CREATED', ?, ?, ?, clock_timestamp() + ? * interval '1 millisecond')""", shipmentId,
                orderId, customerId, carrier.get(), sagaId, traceId, this.properties.dispatchDelay().toMillis());
        setStatus(orderId, "OPEN");
        return new Created(shipmentId, carrier.get());
    }

    /** The shipment of the order that is not cancelled, locked. */
    private Optional<Shipment> live(String orderId) {
        return this.jdbc.query("""
                SELECT shipment_id, order_id, status, carrier, created_at FROM shipment
                WHERE order_id = ? AND status <> 'CANCELLED' FOR UPDATE""", SHIPMENT, orderId).stream().findFirst();
    }

    /**
     * Creates the order's row if it is new and locks it: its commands run one at a time.
     */
    private String lockOrder(String orderId) {
        this.jdbc.update("INSERT INTO shipping_order (order_id, status) VALUES (?, 'NEW') ON CONFLICT DO NOTHING",
                orderId);
        return this.jdbc.queryForObject("SELECT status FROM shipping_order WHERE order_id = ? FOR UPDATE", String.class,
                orderId);
    }

    private void setStatus(String orderId, String status) {
        this.jdbc.update("UPDATE shipping_order SET status = ?, updated_at = clock_timestamp() WHERE order_id = ?",
                status, orderId);
    }

}
