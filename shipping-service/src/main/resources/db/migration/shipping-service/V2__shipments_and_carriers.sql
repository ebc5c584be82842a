-- Carriers an operator has switched off (fault injection). A configured carrier without a row is
-- available; the rows live in the database so that every instance agrees.
CREATE TABLE carrier (
    name       VARCHAR(100) PRIMARY KEY,
    available  BOOLEAN      NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

-- Shipping's view of one order. The row is the lock that serialises the order's commands, and it
-- outlives them so that repeats answer as before:
--   OPEN      a shipment was created (it may since have been dispatched)
--   REJECTED  no carrier was available; nothing was created
--   CANCELLED cancelled (with or without a shipment); a late CreateShipment creates nothing
CREATE TABLE shipping_order (
    order_id   VARCHAR(100) PRIMARY KEY,
    status     VARCHAR(16)  NOT NULL CHECK (status IN ('NEW', 'OPEN', 'REJECTED', 'CANCELLED')),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

-- Shipments. saga_id and trace_id come from the CreateShipment, so that the dispatch job can send
-- ShipmentDispatched in that saga and trace long after the command.
CREATE TABLE shipment (
    shipment_id    VARCHAR(100) PRIMARY KEY,
    order_id       VARCHAR(100) NOT NULL REFERENCES shipping_order (order_id),
    customer_id    VARCHAR(100) NOT NULL,
    status         VARCHAR(16)  NOT NULL CHECK (status IN ('CREATED', 'DISPATCHED', 'CANCELLED')),
    carrier        VARCHAR(100) NOT NULL,
    saga_id        VARCHAR(100) NOT NULL,
    trace_id       CHAR(32)     NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    dispatch_after TIMESTAMPTZ  NOT NULL,
    dispatched_at  TIMESTAMPTZ,
    cancelled_at   TIMESTAMPTZ
);

-- At most one shipment per order that is not cancelled.
CREATE UNIQUE INDEX shipment_live_per_order ON shipment (order_id) WHERE status <> 'CANCELLED';
CREATE INDEX shipment_order ON shipment (order_id, created_at);
-- The dispatch job's work queue: only what is still to dispatch.
CREATE INDEX shipment_due ON shipment (dispatch_after) WHERE status = 'CREATED';
