-- Shared migrations are numbered 1.x so that they run before every service's own, which start at V2.
-- Which instance leads each singleton job of this service, and the job's fencing term: it grows by
-- one with every change of leader, so that work stamped with an older term can be recognised.
CREATE TABLE leadership (
    role   VARCHAR(100) PRIMARY KEY,
    term   BIGINT       NOT NULL CHECK (term > 0),
    holder VARCHAR(100) NOT NULL,
    since  TIMESTAMPTZ  NOT NULL
);
