-- The messaging tables every service shares (shared-lib's outbox relay and inbox).
-- Services list classpath:db/shared-migration before their own scripts, which start at V2.

-- Messages written in the same local transaction as the state change they announce, and relayed
-- to Kafka afterwards in id order, so that the messages of one key leave in the order written.
CREATE TABLE outbox (
    id           BIGSERIAL    PRIMARY KEY,
    message_id   VARCHAR(100) NOT NULL UNIQUE,
    topic        VARCHAR(249) NOT NULL,
    message_key  VARCHAR(100) NOT NULL,
    message_type VARCHAR(100) NOT NULL,
    envelope     JSONB        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    published_at TIMESTAMPTZ
);

-- The relay reads only what is still to send; this index stays as small as the backlog.
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Wakes the relay at commit (LISTEN outbox); notifications of one transaction are merged into one.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Ids of the messages a consumer has handled, recorded in the transaction of their effect, so that
-- a redelivered message is recognised and skipped.
CREATE TABLE inbox (
    consumer     VARCHAR(100) NOT NULL,
    message_id   VARCHAR(100) NOT NULL,
    message_type VARCHAR(100) NOT NULL,
    handled_at   TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (consumer, message_id)
);
CREATE INDEX inbox_handled_at ON inbox (handled_at);
