-- Stock per sku. Conservation: available + reserved + sold changes only when an operator sets
-- available (PUT /api/inventory/{sku}); every saga command only moves units between the columns.
CREATE TABLE stock (
    sku              VARCHAR(100) PRIMARY KEY,
    available        BIGINT       NOT NULL CHECK (available >= 0),
    reserved         BIGINT       NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    sold             BIGINT       NOT NULL DEFAULT 0 CHECK (sold >= 0),
    unit_price_cents BIGINT       NOT NULL CHECK (unit_price_cents >= 0),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

-- What one order holds. The row is the lock that serialises every command of the order, and it
-- outlives compensation so that a late ReserveStock of a released order is refused.
--   RESERVED  its lines are counted in stock.reserved
--   COMMITTED its lines are counted in stock.sold
--   FAILED    the reservation was refused (reason, sku); nothing held
--   RELEASED  released or returned; nothing held, and it never reserves again
--   RETURNED  its sold units went back to available (cancellation); nothing held
CREATE TABLE reservation (
    order_id       VARCHAR(100) PRIMARY KEY,
    status         VARCHAR(16)  NOT NULL
        CHECK (status IN ('NEW', 'RESERVED', 'COMMITTED', 'FAILED', 'RELEASED', 'RETURNED')),
    failure_reason VARCHAR(32),
    failure_sku    VARCHAR(100),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

-- The units of each sku an order reserved, at the price of the moment of reservation.
CREATE TABLE reservation_line (
    order_id         VARCHAR(100) NOT NULL REFERENCES reservation (order_id),
    sku              VARCHAR(100) NOT NULL REFERENCES stock (sku),
    quantity         BIGINT       NOT NULL CHECK (quantity > 0),
    unit_price_cents BIGINT       NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, sku)
);
CREATE INDEX reservation_line_sku ON reservation_line (sku);
