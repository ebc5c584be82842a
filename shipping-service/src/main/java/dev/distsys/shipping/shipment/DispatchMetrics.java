package dev.distsys.shipping.shipment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the dispatch job is behind: shipments past their dispatch time and not yet
 * dispatched, and how long the oldest of them is overdue. Read at scrape time.
 */
@Component
class DispatchMetrics implements MeterBinder {

    private static final String OVERDUE = "FROM shipment WHERE status = 'CREATED' AND dispatch_after <= clock_timestamp()";

    private final JdbcTemplate jdbc;

    DispatchMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("shipping.dispatch.overdue", this, DispatchMetrics::overdueCount)
            .description("Shipments past their dispatch time and not yet dispatched")
            .register(registry);
        Gauge.builder("shipping.dispatch.overdue.oldest", this, DispatchMetrics::oldestOverdueSeconds)
            .description("How long the oldest overdue shipment has waited past its dispatch time")
            .baseUnit("seconds")
            .register(registry);
    }

    private double overdueCount() {
        return query("SELECT count(*) " + OVERDUE);
    }

    private double oldestOverdueSeconds() {
        return query("SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(dispatch_after)), 0) " + OVERDUE);
    }

    private double query(String sql) {
        try {
            Double value = this.jdbc.queryForObject(sql, Double.class);
            return (value != null) ? value : 0;
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }

}
