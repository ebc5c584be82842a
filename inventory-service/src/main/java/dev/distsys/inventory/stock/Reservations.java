package dev.distsys.inventory.stock;

import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.distsys.inventory.stock.ReservationOutcome.RefusalReason;
import dev.distsys.inventory.stock.ReservationOutcome.Refused;
import dev.distsys.inventory.stock.ReservationOutcome.Reserved;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga's operations on an order's stock. Each runs in the caller's transaction (the
 * one that records the command in the inbox) and is idempotent per order: the order's
 * {@code reservation} row is locked first, so the commands of one order are serialised,
 * and its status says what was done before.
 *
 * <p>
 * Never oversells: the stock rows of a reservation are locked in sku order
 * ({@code SELECT ... ORDER BY sku FOR UPDATE}, which also rules out deadlocks between
 * reservations), checked, and changed in the same transaction.
 */
@Service
public class Reservations {

    private static final Logger log = LoggerFactory.getLogger(Reservations.class);

    private final JdbcTemplate jdbc;

    private final MeterRegistry meters;

    Reservations(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /**
     * Reserves every line for the order or none. A repeat for the same order answers what
     * the first one did; an order released before is refused with
     * {@link RefusalReason#RELEASED}.
     */
    @Transactional
    public ReservationOutcome reserve(String orderId, List<OrderLine> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reservation needs at least one line");
        }
        String status = lockOrder(orderId);
        ReservationOutcome outcome = switch (status) {
            case "RESERVED", "COMMITTED" -> new Reserved(linesOf(orderId));
            case "FAILED" -> storedRefusal(orderId);
            case "RELEASED", "RETURNED" -> new Refused(RefusalReason.RELEASED, null);
            case "NEW" -> reserveNow(orderId, lines);
            default -> throw new IllegalStateException("order " + orderId + " has unknown stock status " + status);
        };
        String tag = (outcome instanceof Refused refused) ? refused.reason().name() : "RESERVED";
        this.meters.counter("inventory.reservations", "outcome", tag, "repeat", Boolean.toString(!"NEW".equals(status)))
            .increment();
        return outcome;
    }

    /**
     * Gives back whatever the order holds (reserved units, or sold ones if it was
     * committed) and marks it released, so that a late reservation is refused. Nothing
     * held is fine.
     */
    @Transactional
    public void release(String orderId) {
        String status = lockOrder(orderId);
        if ("COMMITTED".equals(status)) {
            log.warn("ReleaseStock for order {} whose stock was committed: its sold units return to available",
                    orderId);
        }
        giveBack(orderId, status, "RELEASED", "release");
    }

    /**
     * Reserved units of the order become sold.
     * @throws StockNotReservedException when the order holds no reservation
     */
    @Transactional
    public void commit(String orderId) {
        String status = lockOrder(orderId);
        switch (status) {
            case "RESERVED" -> {
                for (ReservedLine line : linesOf(orderId)) {
                    this.jdbc.update(
                            "UPDATE stock SET reserved = reserved - ?, sold = sold + ?, updated_at = clock_timestamp() WHERE sku = ?",
                            line.quantity(), line.quantity(), line.sku());
                }
                setStatus(orderId, "COMMITTED");
                count("commit", "units");
            }
            case "COMMITTED", "RETURNED" -> count("commit", "none");
            default -> throw new StockNotReservedException(orderId, status);
        }
    }

    /**
     * Sold units of the order return to available (cancellation); units still reserved
     * are released. Nothing held is fine.
     */
    @Transactional
    public void returnStock(String orderId) {
        String status = lockOrder(orderId);
        giveBack(orderId, status, "COMMITTED".equals(status) ? "RETURNED" : "RELEASED", "return");
    }

    private void giveBack(String orderId, String status, String finalStatus, String command) {
        String column = switch (status) {
            case "RESERVED" -> "reserved";
            case "COMMITTED" -> "sold";
            default -> null;
        };
        if (column != null) {
            for (ReservedLine line : linesOf(orderId)) {
                this.jdbc.update(
                        "UPDATE stock SET " + column + " = " + column
                                + " - ?, available = available + ?, updated_at = clock_timestamp() WHERE sku = ?",
                        line.quantity(), line.quantity(), line.sku());
            }
        }
        if (!"RELEASED".equals(status) && !"RETURNED".equals(status)) {
            setStatus(orderId, finalStatus);
        }
        count(command, (column != null) ? "units" : "none");
    }

    private ReservationOutcome reserveNow(String orderId, List<OrderLine> lines) {
        SortedMap<String, Long> wanted = new TreeMap<>();
        for (OrderLine line : lines) {
            if (line.quantity() < 1) {
                throw new IllegalArgumentException("quantity of " + line.sku() + " must be at least 1");
            }
            wanted.merge(line.sku(), line.quantity(), Math::addExact);
        }
        Map<String, LockedStock> stock = lockStock(wanted.keySet());
        for (String sku : wanted.keySet()) {
            if (!stock.containsKey(sku)) {
                return refuse(orderId, RefusalReason.UNKNOWN_SKU, sku);
            }
        }
        for (Map.Entry<String, Long> line : wanted.entrySet()) {
            if (stock.get(line.getKey()).available() < line.getValue()) {
                return refuse(orderId, RefusalReason.OUT_OF_STOCK, line.getKey());
            }
        }
        List<ReservedLine> reserved = new ArrayList<>();
        for (Map.Entry<String, Long> line : wanted.entrySet()) {
            long price = stock.get(line.getKey()).unitPriceCents();
            this.jdbc.update(
                    "UPDATE stock SET available = available - ?, reserved = reserved + ?, updated_at = clock_timestamp() WHERE sku = ?",
                    line.getValue(), line.getValue(), line.getKey());
            this.jdbc.update(
                    "INSERT INTO reservation_line (order_id, sku, quantity, unit_price_cents) VALUES (?, ?, ?, ?)",
                    orderId, line.getKey(), line.getValue(), price);
            reserved.add(new ReservedLine(line.getKey(), line.getValue(), price));
        }
        setStatus(orderId, "RESERVED");
        return new Reserved(reserved);
    }

    /**
     * Locks the stock rows of these skus in sku order; returns those that exist, by sku.
     */
    private Map<String, LockedStock> lockStock(Iterable<String> skus) {
        List<String> list = new ArrayList<>();
        skus.forEach(list::add);
        Map<String, LockedStock> stock = new TreeMap<>();
        this.jdbc.query(
                "SELECT sku, available, unit_price_cents FROM stock WHERE sku = ANY (?) ORDER BY sku FOR UPDATE",
                (statement) -> {
                    Array array = statement.getConnection().createArrayOf("varchar", list.toArray());
                    statement.setArray(1, array);
                }, (rs) -> {
                    stock.put(rs.getString("sku"),
                            new LockedStock(rs.getLong("available"), rs.getLong("unit_price_cents")));
                });
        return stock;
    }

    private Refused refuse(String orderId, RefusalReason reason, String sku) {
        this.jdbc.update(
                "UPDATE reservation SET status = 'FAILED', failure_reason = ?, failure_sku = ?, updated_at = clock_timestamp() WHERE order_id = ?",
                reason.name(), sku, orderId);
        return new Refused(reason, sku);
    }

    private Refused storedRefusal(String orderId) {
        return this.jdbc.queryForObject("SELECT failure_reason, failure_sku FROM reservation WHERE order_id = ?",
                (rs, row) -> new Refused(RefusalReason.valueOf(rs.getString(1)), rs.getString(2)), orderId);
    }

    /**
     * Creates the order's row if it is new and locks it: its commands run one at a time.
     */
    private String lockOrder(String orderId) {
        this.jdbc.update("INSERT INTO reservation (order_id, status) VALUES (?, 'NEW') ON CONFLICT DO NOTHING",
                orderId);
        return this.jdbc.queryForObject("SELECT status FROM reservation WHERE order_id = ? FOR UPDATE", String.class,
                orderId);
    }

    private void setStatus(String orderId, String status) {
        this.jdbc.update("UPDATE reservation SET status = ?, updated_at = clock_timestamp() WHERE order_id = ?", status,
                orderId);
    }

    private List<ReservedLine> linesOf(String orderId) {
        return this.jdbc.query(
                "SELECT sku, quantity, unit_price_cents FROM reservation_line WHERE order_id = ? ORDER BY sku",
                (rs, row) -> new ReservedLine(rs.getString(1), rs.getLong(2), rs.getLong(3)), orderId);
    }

    private void count(String command, String effect) {
        this.meters.counter("inventory.stock.commands", "command", command, "effect", effect).increment();
    }

    /** A stock row locked for a reservation. */
    private record LockedStock(long available, long unitPriceCents) {
    }

}
