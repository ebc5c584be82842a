package dev.distsys.inventory.stock;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operator's view of stock: set a sku's available units and price, read it. */
@Service
public class Inventory {

    static final RowMapper<StockItem> ITEM = (rs, row) -> new StockItem(rs.getString("sku"), rs.getLong("available"),
            rs.getLong("reserved"), rs.getLong("sold"), rs.getLong("unit_price_cents"));

    private final JdbcTemplate jdbc;

    Inventory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sets the units available and the unit price of {@code sku}, creating it if needed.
     * Units reserved or sold stay as they are; this is the only change of a sku's total.
     */
    @Transactional
    public StockItem put(String sku, long available, long unitPriceCents) {
        return this.jdbc.queryForObject("""
                INSERT INTO stock (sku, available, unit_price_cents) VALUES (?, ?, ?)
                ON CONFLICT (sku) DO UPDATE SET available = EXCLUDED.available,
                    unit_price_cents = EXCLUDED.unit_price_cents, updated_at = clock_timestamp()
                RETURNING sku, available, reserved, sold, unit_price_cents""", ITEM, sku, available, unitPriceCents);
    }

    @Transactional(readOnly = true)
    public Optional<StockItem> find(String sku) {
        List<StockItem> items = this.jdbc
            .query("SELECT sku, available, reserved, sold, unit_price_cents FROM stock WHERE sku = ?", ITEM, sku);
        return items.stream().findFirst();
    }

}
