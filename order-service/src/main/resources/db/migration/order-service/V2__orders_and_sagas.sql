-- Orders, as the client sees them.
CREATE TABLE orders (
    order_id         VARCHAR(100) PRIMARY KEY,
    customer_id      VARCHAR(100) NOT NULL,
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED')),
    failure_reason   VARCHAR(32)  CHECK (failure_reason IN
                         ('OUT_OF_STOCK', 'UNKNOWN_SKU', 'PAYMENT_DECLINED', 'SHIPPING_UNAVAILABLE', 'TIMEOUT')),
    total_cents      BIGINT       CHECK (total_cents >= 0),
    dispatched       BOOLEAN      NOT NULL DEFAULT false,
    cancel_requested BOOLEAN      NOT NULL DEFAULT false,
    idempotency_key  VARCHAR(100) NOT NULL UNIQUE,
    request_hash     CHAR(64)     NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id, created_at, order_id);
CREATE INDEX orders_by_status ON orders (status, created_at, order_id);

CREATE TABLE order_items (
    order_id         VARCHAR(100) NOT NULL REFERENCES orders (order_id),
    line             INTEGER      NOT NULL CHECK (line >= 0),
    sku              VARCHAR(100) NOT NULL,
    quantity         INTEGER      NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price_cents BIGINT       CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, line),
    UNIQUE (order_id, sku)
);

-- One row per saga run: the orchestrator's state, advanced in one local transaction per message.
CREATE TABLE sagas (
    saga_id          VARCHAR(100) PRIMARY KEY,
    order_id         VARCHAR(100) NOT NULL REFERENCES orders (order_id),
    kind             VARCHAR(16)  NOT NULL CHECK (kind IN ('PLACE_ORDER', 'CANCEL_ORDER')),
    state            VARCHAR(16)  NOT NULL CHECK (state IN
                         ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'FAILED', 'NEEDS_ATTENTION')),
    step_index       INTEGER      NOT NULL,
    awaiting         VARCHAR(64),
    deadline         TIMESTAMPTZ,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    failure_reason   VARCHAR(32),
    trace_id         CHAR(32)     NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sagas_by_order ON sagas (order_id, created_at);
-- The deadline sweeper reads only sagas that wait for something.
CREATE INDEX sagas_due ON sagas (deadline) WHERE deadline IS NOT NULL;

-- The step log shown by GET /api/orders/{id}/saga: forward steps and compensations.
CREATE TABLE saga_steps (
    saga_id          VARCHAR(100) NOT NULL REFERENCES sagas (saga_id),
    position         INTEGER      NOT NULL,
    name             VARCHAR(64)  NOT NULL,
    compensation     BOOLEAN      NOT NULL,
    status           VARCHAR(24)  NOT NULL,
    started_at       TIMESTAMPTZ  NOT NULL,
    ended_at         TIMESTAMPTZ,
    attempts         INTEGER      NOT NULL DEFAULT 1,
    PRIMARY KEY (saga_id, position, compensation)
);

-- Every message the orchestrator sent or received, with its Lamport time: the saga's causal history.
CREATE TABLE saga_events (
    id               BIGSERIAL    PRIMARY KEY,
    saga_id          VARCHAR(100) NOT NULL REFERENCES sagas (saga_id),
    type             VARCHAR(64)  NOT NULL,
    service          VARCHAR(100) NOT NULL,
    lamport          BIGINT       NOT NULL,
    occurred_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX saga_events_by_saga ON saga_events (saga_id, lamport);
