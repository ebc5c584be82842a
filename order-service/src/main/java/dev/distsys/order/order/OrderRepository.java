package dev.distsys.order.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Orders and their items in order-service's own database. */
@Repository
public class OrderRepository {

    private static final String COLUMNS = "order_id, customer_id, status, total_cents, failure_reason, dispatched, "
            + "cancel_requested, created_at, updated_at";

    private final JdbcTemplate jdbc;

    OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a new PENDING order unless one with this idempotency key exists. A
     * concurrent insert of the same key waits for the first transaction (unique index)
     * and then finds its order.
     * @return whether this call created the order
     */
    public boolean insertIfKeyIsNew(String orderId, String customerId, List<OrderItem> items, String idempotencyKey,
            String requestHash, Instant now) {
        int inserted = this.jdbc.update(
                "INSERT INTO orders (order_id, customer_id, status, idempotency_key, request_hash, created_at, updated_at) "
                        + "VALUES (?, ?, 'PENDING', ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
                orderId, customerId, idempotencyKey, requestHash, Timestamp.from(now), Timestamp.from(now));
        if (inserted == 0) {
            return false;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int line = 0; line < items.size(); line++) {
            rows.add(new Object[] { orderId, line, items.get(line).sku(), items.get(line).quantity() });
        }
        this.jdbc.batchUpdate("INSERT INTO order_items (order_id, line, sku, quantity) VALUES (?, ?, ?, ?)", rows);
        return true;
    }

    /** The order id and request hash stored under an idempotency key. */
    public Optional<KeyedOrder> findByIdempotencyKey(String idempotencyKey) {
        return this.jdbc
            .query("SELECT order_id, request_hash FROM orders WHERE idempotency_key = ?",
                    (rs, n) -> new KeyedOrder(rs.getString(1), rs.getString(2)), idempotencyKey)
            .stream()
            .findFirst();
    }

    public Optional<Order> find(String orderId) {
        return load("SELECT " + COLUMNS + " FROM orders WHERE order_id = ?", orderId).stream().findFirst();
    }

    /**
     * The order, its row locked until the transaction ends: serializes the saga's
     * updates.
     */
    public Optional<Order> findForUpdate(String orderId) {
        return load("SELECT " + COLUMNS + " FROM orders WHERE order_id = ? FOR UPDATE", orderId).stream().findFirst();
    }

    /** A page of orders, newest first, optionally of one customer and one status. */
    public List<Order> page(String customerId, OrderStatus status, int page, int size) {
        Filter filter = Filter.of(customerId, status);
        List<Object> args = new ArrayList<>(filter.args());
        args.add(size);
        args.add((long) page * size);
        return load("SELECT " + COLUMNS + " FROM orders" + filter.where()
                + " ORDER BY created_at DESC, order_id DESC LIMIT ? OFFSET ?", args.toArray());
    }

    public long count(String customerId, OrderStatus status) {
        Filter filter = Filter.of(customerId, status);
        Long count = this.jdbc.queryForObject("SELECT count(*) FROM orders" + filter.where(), Long.class,
                filter.args().toArray());
        return (count != null) ? count : 0;
    }

    /** Records the prices inventory reserved the items at, and the total. */
    public void price(String orderId, Map<String, Long> unitPriceCentsBySku, Instant now) {
        unitPriceCentsBySku.forEach((sku, price) -> this.jdbc
            .update("UPDATE order_items SET unit_price_cents = ? WHERE order_id = ? AND sku = ?", price, orderId, sku));
        this.jdbc.update(
                "UPDATE orders SET total_cents = (SELECT sum(quantity * unit_price_cents) FROM order_items "
                        + "WHERE order_id = ?), updated_at = ? WHERE order_id = ?",
                orderId, Timestamp.from(now), orderId);
    }

    public void finish(String orderId, OrderStatus status, FailureReason reason, Instant now) {
        this.jdbc.update("UPDATE orders SET status = ?, failure_reason = ?, updated_at = ? WHERE order_id = ?",
                status.name(), (reason != null) ? reason.name() : null, Timestamp.from(now), orderId);
    }

    public void markCancelRequested(String orderId, Instant now) {
        this.jdbc.update("UPDATE orders SET cancel_requested = true, updated_at = ? WHERE order_id = ?",
                Timestamp.from(now), orderId);
    }

    public void markDispatched(String orderId, Instant now) {
        this.jdbc.update("UPDATE orders SET dispatched = true, updated_at = ? WHERE order_id = ?", Timestamp.from(now),
                orderId);
    }

    private List<Order> load(String sql, Object... args) {
        List<Order> orders = this.jdbc.query(sql, OrderRepository::order, args);
        if (orders.isEmpty()) {
            return orders;
        }
        Map<String, List<OrderItem>> items = itemsOf(orders.stream().map(Order::orderId).toList());
        return orders.stream()
            .map((order) -> new Order(order.orderId(), order.customerId(), order.status(),
                    items.getOrDefault(order.orderId(), List.of()), order.totalCents(), order.failureReason(),
                    order.dispatched(), order.cancelRequested(), order.createdAt(), order.updatedAt()))
            .toList();
    }

    private Map<String, List<OrderItem>> itemsOf(List<String> orderIds) {
        String placeholders = orderIds.stream().map((id) -> "?").collect(Collectors.joining(", "));
        List<Object[]> rows = this.jdbc.query(
                "SELECT order_id, sku, quantity, unit_price_cents FROM order_items " + "WHERE order_id IN ("
                        + placeholders + ") ORDER BY order_id, line",
                (rs, n) -> new Object[] { rs.getString(1),
                        new OrderItem(rs.getString(2), rs.getInt(3), nullableLong(rs, 4)) },
                orderIds.toArray());
        return rows.stream()
            .collect(Collectors.groupingBy((row) -> (String) row[0],
                    Collectors.mapping((row) -> (OrderItem) row[1], Collectors.toList())));
    }

    private static Order order(ResultSet rs, int n) throws SQLException {
        String reason = rs.getString("failure_reason");
        return new Order(rs.getString("order_id"), rs.getString("customer_id"),
                OrderStatus.valueOf(rs.getString("status")), List.of(), nullableLong(rs, "total_cents"),
                (reason != null) ? FailureReason.valueOf(reason) : null, rs.getBoolean("dispatched"),
                rs.getBoolean("cancel_requested"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** An order found by its idempotency key. */
    public record KeyedOrder(String orderId, String requestHash) {
    }

    private record Filter(String where, List<Object> args) {

        static Filter of(String customerId, OrderStatus status) {
            List<String> conditions = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            if (customerId != null) {
                conditions.add("customer_id = ?");
                args.add(customerId);
            }
            if (status != null) {
                conditions.add("status = ?");
                args.add(status.name());
            }
            return new Filter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), args);
        }

    }

}
