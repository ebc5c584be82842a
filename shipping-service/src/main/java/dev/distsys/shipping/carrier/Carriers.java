package dev.distsys.shipping.carrier;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.distsys.shipping.ShippingProperties;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The configured carriers, their availability (kept in the database, so that every
 * instance agrees) and the choice of a carrier for an order.
 */
@Service
public class Carriers {

    private final JdbcTemplate jdbc;

    private final CarrierRing ring;

    Carriers(JdbcTemplate jdbc, ShippingProperties properties) {
        this.jdbc = jdbc;
        this.ring = CarrierRing.of(properties.carriers(), properties.virtualNodes());
    }

    /** Every configured carrier, sorted by name. */
    @Transactional(readOnly = true)
    public List<CarrierState> states() {
        Set<String> unavailable = unavailable();
        return this.ring.carriers()
            .stream()
            .map((name) -> new CarrierState(name, !unavailable.contains(name)))
            .toList();
    }

    /**
     * Switches a carrier on or off for new shipments (existing ones keep their carrier).
     * @throws UnknownCarrierException when the carrier is not configured
     */
    @Transactional
    public CarrierState setAvailable(String name, boolean available) {
        if (!this.ring.carriers().contains(name)) {
            throw new UnknownCarrierException(name);
        }
        this.jdbc.update("""
                INSERT INTO carrier (name, available) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET available = EXCLUDED.available, updated_at = clock_timestamp()""",
                name, available);
        return new CarrierState(name, available);
    }

    /** The carrier of an order among the available ones; empty when none is available. */
    @Transactional(readOnly = true)
    public Optional<String> choose(String orderId) {
        Set<String> unavailable = unavailable();
        return this.ring.carrierFor(orderId, (carrier) -> !unavailable.contains(carrier));
    }

    private Set<String> unavailable() {
        return new HashSet<>(this.jdbc.queryForList("SELECT name FROM carrier WHERE NOT available", String.class));
    }

}
