-- Customers' money in integer cents. Conservation: balance + held + captured changes only when an
-- operator sets the balance (PUT /api/accounts/{customerId}); saga commands only move money between
-- the columns.
CREATE TABLE account (
    customer_id    VARCHAR(100) PRIMARY KEY,
    balance_cents  BIGINT       NOT NULL CHECK (balance_cents >= 0),
    held_cents     BIGINT       NOT NULL DEFAULT 0 CHECK (held_cents >= 0),
    captured_cents BIGINT       NOT NULL DEFAULT 0 CHECK (captured_cents >= 0),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

-- The payment of one order. The row is the lock that serialises the order's commands, and it
-- outlives compensation so that a late AuthorizePayment of a voided order holds nothing.
--   AUTHORIZED amount_cents is counted in account.held_cents
--   CAPTURED   amount_cents is counted in account.captured_cents
--   DECLINED   refused (decline_reason); nothing held
--   VOIDED     voided, or never authorized and compensated; nothing held
--   REFUNDED   its captured money went back to the balance; nothing held
CREATE TABLE payment (
    order_id       VARCHAR(100) PRIMARY KEY,
    status         VARCHAR(16)  NOT NULL
        CHECK (status IN ('NEW', 'AUTHORIZED', 'CAPTURED', 'DECLINED', 'VOIDED', 'REFUNDED')),
    customer_id    VARCHAR(100),
    amount_cents   BIGINT       CHECK (amount_cents >= 0),
    decline_reason VARCHAR(32),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);
