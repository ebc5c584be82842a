-- The messaging tables every service shares (shared-lib's outbox relay and inbox).
-- Services list classpath:db/shared-migration before their own scripts, which start at V2.

-- Messages written in the same local transaction as the state change they announce, and relayed
-- to Kafka afterwards in id order (per key order follows, because one key's rows are inserted in order).
CREATE TABLE outbox (
    id           BIGSERIAL    PRIMARY KEY,
    message_id   UUID         NOT NULL UNIQUE,
    topic        VARCHAR(249) NOT NULL,
    message_key  VARCHAR(100) NOT NULL,
    message_type VARCHAR(100) NOT NULL,
    headers      JSONB        NOT NULL DEFAULT '{}'::jsonb,
    payload      JSONB        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ,
    attempts     INTEGER      NOT NULL DEFAULT 0 CHECK (attempts >= 0)
);

-- The relay reads only what is still to send; this index stays as small as the backlog.
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Ids of the messages a consumer has handled, recorded in the transaction of their effect, so that
-- a redelivered message is recognised and skipped.
CREATE TABLE inbox (
    consumer     VARCHAR(100) NOT NULL,
    message_id   UUID         NOT NULL,
    message_type VARCHAR(100) NOT NULL,
    handled_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);
